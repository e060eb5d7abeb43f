"""The beat schedule's trials job; one condition or cited records go through ingest/tasks.py."""

from __future__ import annotations

from celery import shared_task

from trials.refresh import trials_refresh_due


# No task retry: the next beat is the retry, so an offline site logs one failed run per beat.
@shared_task
def trials_refresh_due_task() -> list[int]:
    """Refresh the trials of every due condition (the beat schedule's daily job)."""
    return [run.pk for run in trials_refresh_due()]
