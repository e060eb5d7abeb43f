"""WSGI entry point (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.startup import preflight

preflight()
application = get_wsgi_application()
