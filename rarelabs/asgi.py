"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.startup import preflight

preflight()
application = get_asgi_application()
