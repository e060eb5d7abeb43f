"""The task retry policies: upstream hiccups retry with backoff and jitter; a database that
cannot be reached (a restart, a failover) retries for a few minutes."""

from __future__ import annotations

from typing import Any

from django.db import InterfaceError, OperationalError

from ingest.errors import UpstreamTransient

# Celery's own retry options (STYLE.md: autoretry_for, retry_backoff, retry_jitter).
TASK_RETRY: dict[str, Any] = {
    "autoretry_for": (UpstreamTransient,),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "retry_jitter": True,
    "max_retries": 3,
}

# OperationalError is PostgreSQL's class for what is outside the statement: connection lost or
# refused, server shutting down or starting, too many connections. Each retry is one line in the
# worker's log ("Task ... retry: Retry in 10s: OperationalError(...)"); after the last the task
# fails with its traceback. A rerun is safe: each of these tasks commits batch by batch and
# finds the rows already written unchanged.
DATABASE_RETRY: dict[str, Any] = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_backoff_max": 60,
    # Celery's jitter draws each wait between 0 and the back-off, so the retries could all be
    # spent in an outage's first seconds; one site's few workers have no herd to spread.
    "retry_jitter": False,
    "max_retries": 6,  # waits of 5, 10, 20, 40, 60 and 60 s: about three minutes in all
}
