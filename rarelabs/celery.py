"""The Celery app: broker and results on Redis (embedded unless REDIS_URL is set)."""

from __future__ import annotations

import gc
import logging
import os
import warnings

from celery import Celery
from celery.exceptions import CPendingDeprecationWarning
from celery.signals import beat_init, celeryd_init, worker_ready

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


@celeryd_init.connect
def _start_worker(**kwargs: object) -> None:
    """`celery worker` is an entry point: name it in outage lines, start the embedded servers."""
    _start_services("celery worker")


@beat_init.connect
def _start_beat(**kwargs: object) -> None:
    """`celery beat` is an entry point: name it in outage lines, start the embedded servers."""
    _start_services("celery beat")


def _start_services(role: str) -> None:
    # Not at import: every Django process imports this module (rarelabs/__init__.py).
    from rarelabs import outages
    from rarelabs.startup import preflight

    outages.role_set(role)
    preflight()


@worker_ready.connect
def _log_services(**kwargs: object) -> None:
    from rarelabs.startup import describe_services

    logger.info("worker ready: %s", describe_services())
    # What the worker loaded lives as long as it does: out of the collector's reach, so a
    # stopping worker does not walk it at exit (3.3 s to stop on 2 busy cores, now 1.1 s).
    gc.collect()
    gc.freeze()
    # Each loss of the broker warned in 7 lines that Celery 6 will cancel running jobs on it;
    # until then a job running when Redis goes goes on (rarelabs/outages.py logs the loss in
    # one line). Set here: Celery's logging setup puts its "always" filter first before this.
    warnings.filterwarnings("ignore", message="\nIn Celery 5.1 we introduced an optional",
                            category=CPendingDeprecationWarning)  # fmt: skip
