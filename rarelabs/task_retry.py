"""How a Celery task waits out a database that cannot be reached (a restart, a failover):
shared by every app whose tasks read or write PostgreSQL."""

from __future__ import annotations

from typing import Any

from celery import Task
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError

# OperationalError is PostgreSQL's class for what is outside the statement: connection lost or
# refused, server shutting down or starting, too many connections.
DATABASE_ERRORS = (OperationalError, InterfaceError)
WAIT_FIRST_SECONDS = 5
WAIT_MAX_SECONDS = 60
MAX_RETRIES = 6  # waits of 5, 10, 20, 40, 60 and 60 s: about three minutes in all


class DatabaseRetryTask(Task):
    """A task that retries on DATABASE_ERRORS after 5, 10, 20, 40, 60 and 60 s.

    A base class rather than Celery's autoretry_for options, so a task that also retries an
    upstream's hiccups (ingest/retry.py's TASK_RETRY: 30 s and up, jittered) keeps that policy
    for them: Celery gives a task one back-off, and the database's must not stretch to
    half an hour nor the upstream's shrink to seconds. The retry count is the task's own, one
    for both causes. Each retry is one line in the worker's log ("Task ... retry: Retry in
    10s: OperationalError(...)"); after the last the task fails with its traceback.
    """

    abstract = True

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except DATABASE_ERRORS as exc:
            # Celery's jitter draws each wait between 0 and the back-off, so the retries could
            # all be spent in an outage's first seconds; one site's few workers have no herd.
            wait = get_exponential_backoff_interval(
                factor=WAIT_FIRST_SECONDS,
                retries=self.request.retries,
                maximum=WAIT_MAX_SECONDS,
                full_jitter=False,
            )
            raise self.retry(exc=exc, countdown=wait, max_retries=MAX_RETRIES) from exc


# Spread into a task's decorator: @shared_task(**DATABASE_RETRY). A rerun must be safe: each
# task here commits batch by batch (or in one transaction) and finds what was written unchanged.
DATABASE_RETRY: dict[str, Any] = {"base": DatabaseRetryTask}
