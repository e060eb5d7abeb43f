"""RareLabs project package: settings, URLs, the Celery app and embedded services."""

from rarelabs.celery import app as celery_app

__all__ = ["celery_app"]
