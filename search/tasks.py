"""Celery wrappers: a task takes ids and calls one indexer function (safe to run twice)."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from search.indexer import index_objects


@shared_task(
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def search_reindex_task(doc_type: str, ids: list[int]) -> int:
    """Reindex these rows of `doc_type` (removed rows leave the index)."""
    return index_objects(doc_type, ids)
