"""The task retry policy for upstream hiccups: retry with backoff and jitter (a database that
cannot be reached is rarelabs.task_retry's DATABASE_RETRY)."""

from __future__ import annotations

from typing import Any

from ingest.errors import UpstreamTransient

# Celery's own retry options (STYLE.md: autoretry_for, retry_backoff, retry_jitter).
TASK_RETRY: dict[str, Any] = {
    "autoretry_for": (UpstreamTransient,),
    "retry_backoff": 30,
    "retry_backoff_max": 1800,
    "retry_jitter": True,
    "max_retries": 3,
}
