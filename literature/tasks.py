"""The beat schedule's literature job; one condition or cited records go through ingest/tasks.py."""

from __future__ import annotations

from celery import shared_task

from literature.refresh import literature_refresh_due
from rarelabs.task_retry import DATABASE_RETRY


# An upstream offline is not retried: the next beat is the retry, so an offline site logs one
# failed run per beat. The database unreachable is retried for a few minutes.
@shared_task(**DATABASE_RETRY)
def literature_refresh_due_task() -> list[int]:
    """Refresh the publications of every due condition (the beat schedule's weekly job)."""
    return [run.pk for run in literature_refresh_due()]
