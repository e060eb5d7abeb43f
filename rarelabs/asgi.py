"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs import outages
from rarelabs.startup import preflight

outages.role_set("web worker")
preflight()
application = get_asgi_application()
