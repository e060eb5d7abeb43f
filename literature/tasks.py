"""Celery wrappers around literature.refresh: ids in, one call, bounded retries."""

from __future__ import annotations

from celery import shared_task

from ingest.retry import TASK_RETRY
from ingest.runs import run_raise_if_transient
from literature.refresh import literature_fetch, literature_refresh, literature_refresh_due


@shared_task(**TASK_RETRY)
def literature_refresh_task(condition_id: int, full: bool = False) -> int | None:
    """Refresh one condition's publications; returns the RefreshRun id."""
    run = literature_refresh(condition_id=condition_id, full=full)
    run_raise_if_transient(run)
    return run.pk if run else None


@shared_task(**TASK_RETRY)
def literature_fetch_task(pmids: list[str]) -> int | None:
    """Fetch PMIDs that are not stored yet."""
    run = literature_fetch(pmids)
    run_raise_if_transient(run)
    return run.pk if run else None


# No task retry: the next beat is the retry, so an offline site logs one failed run per beat.
@shared_task
def literature_refresh_due_task() -> list[int]:
    """Refresh the publications of every due condition (the beat schedule's weekly job)."""
    return [run.pk for run in literature_refresh_due()]
