"""How a Celery task waits out a database that cannot be reached (a restart, a failover):
shared by every app whose tasks read or write PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db import InterfaceError, OperationalError

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
