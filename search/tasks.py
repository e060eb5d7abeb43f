"""Celery wrappers: a task takes ids and calls one indexer function (safe to run twice)."""

from __future__ import annotations

from celery import shared_task

from rarelabs.task_retry import DATABASE_RETRY
from search.indexer import index_objects


# Jittered waits of up to 1, 2, 4 ... s spent all five retries in a restart's first seconds,
# and the rows stayed out of the index; the shared policy waits about three minutes.
@shared_task(**DATABASE_RETRY)
def search_reindex_task(doc_type: str, ids: list[int]) -> int:
    """Reindex these rows of `doc_type` (removed rows leave the index)."""
    return index_objects(doc_type, ids)
