"""Celery tasks spanning every registered upstream: one condition, or specific cited records."""

from __future__ import annotations

from celery import shared_task

from ingest.retry import TASK_RETRY
from ingest.runs import run_raise_if_transient
from ingest.upstreams import upstreams_fetch, upstreams_refresh
from rarelabs.task_retry import DATABASE_RETRY


# Both wait out an unreachable database: the run it cut short stays "running" until the retry,
# holding the scope's lock, closes it as interrupted and starts again from the last good run.
@shared_task(**DATABASE_RETRY, **TASK_RETRY)
def condition_refresh_task(condition_id: int, full: bool = False) -> list[int]:
    """Refresh trials and publications for one condition (its genes and therapies included)."""
    runs = upstreams_refresh(condition_id=condition_id, full=full)
    run_raise_if_transient(*runs)
    return [run.pk for run in runs if run is not None]


@shared_task(**DATABASE_RETRY, **TASK_RETRY)
def references_fetch_task(pmids: list[str], nct_ids: list[str]) -> list[int]:
    """Fetch the cited PMIDs and NCT numbers that are not stored yet."""
    runs = upstreams_fetch({"pmids": pmids, "nct_ids": nct_ids})
    run_raise_if_transient(*runs)
    return [run.pk for run in runs if run is not None]
