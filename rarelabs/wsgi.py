"""WSGI entry point (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.readability import reading_grade_warm_up
from rarelabs.startup import preflight

preflight()
application = get_wsgi_application()
# Pay the dictionary load once per worker at boot, not on a reader's first condition page.
reading_grade_warm_up()
