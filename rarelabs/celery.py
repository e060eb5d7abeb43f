"""The Celery app: broker and results on Redis (embedded unless REDIS_URL is set)."""

from __future__ import annotations

import logging
import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

app = Celery("rarelabs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@app.on_after_finalize.connect
def _install_beat_schedule(sender: Celery, **kwargs: object) -> None:
    """The periodic refreshes; their intervals come from settings."""
    from rarelabs.schedule import beat_schedule

    sender.conf.beat_schedule = beat_schedule()


@worker_ready.connect
def _log_services(**kwargs: object) -> None:
    from rarelabs.startup import describe_services

    logger.info("worker ready: %s", describe_services())
