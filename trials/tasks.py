"""Celery wrappers around trials.refresh: ids in, one call, bounded retries."""

from __future__ import annotations

from celery import shared_task

from ingest.retry import TASK_RETRY
from ingest.runs import run_raise_if_transient
from trials.refresh import trials_fetch, trials_refresh, trials_refresh_due


@shared_task(**TASK_RETRY)
def trials_refresh_task(condition_id: int, full: bool = False) -> int | None:
    """Refresh one condition's trials; returns the RefreshRun id."""
    run = trials_refresh(condition_id=condition_id, full=full)
    run_raise_if_transient(run)
    return run.pk if run else None


@shared_task(**TASK_RETRY)
def trials_fetch_task(nct_ids: list[str]) -> int | None:
    """Fetch studies by NCT number that are not stored yet."""
    run = trials_fetch(nct_ids)
    run_raise_if_transient(run)
    return run.pk if run else None


# No task retry: the next beat is the retry, so an offline site logs one failed run per beat.
@shared_task
def trials_refresh_due_task() -> list[int]:
    """Refresh the trials of every due condition (the beat schedule's daily job)."""
    return [run.pk for run in trials_refresh_due()]
