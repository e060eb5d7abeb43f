"""Background jobs of the knowledge room (wrappers only)."""

from __future__ import annotations

from celery import shared_task

from knowledge.summary_reviews import summary_reviews_sync
from rarelabs.task_retry import DATABASE_RETRY


# Safe to run twice: a second run finds every stored text unchanged. Queued at start
# (rarelabs/supervisor.py), so it may meet a database still starting or restarting.
@shared_task(**DATABASE_RETRY)
def summary_reviews_sync_task() -> dict[str, int]:
    """Bring the editors' summary queue up to date with the data (after a load or import)."""
    counts = summary_reviews_sync()
    return {"queued": counts.queued, "requeued": counts.requeued, "changed": counts.changed}
