"""The only signals of the site: saves and deletes of indexed rows enqueue a reindex on commit.

Handlers only record ids; the first `on_commit` callback of a transaction enqueues one task per
doc type (later callbacks find nothing left), so a form save that touches a condition and its
synonyms sends a single task.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from search.documents import registry
from search.indexer import signals_suspended

logger = logging.getLogger(__name__)

_pending = threading.local()
_routes: dict[type[Model], list[tuple[str, str]]] = defaultdict(list)


def _queue() -> dict[str, set[int]]:
    if not hasattr(_pending, "ids"):
        _pending.ids = defaultdict(set)
    return _pending.ids


def _flush() -> None:
    from search.tasks import search_reindex_task

    pending, _pending.ids = _queue(), defaultdict(set)
    if pending:
        logger.debug("search: enqueue reindex %s", {k: len(v) for k, v in pending.items()})
    for doc_type, ids in pending.items():
        search_reindex_task.delay(doc_type, sorted(ids))


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if signals_suspended() or kwargs.get("raw"):
        return
    queue = _queue()
    for doc_type, attribute in _routes.get(sender, ()):
        object_id = getattr(instance, attribute, None)
        if object_id is not None:
            queue[doc_type].add(int(object_id))
    transaction.on_commit(_flush, robust=True)


def reindex_on_commit(doc_type: str, ids: Iterable[int]) -> None:
    """Queue rows written without model signals (bulk upserts) on the same on-commit path."""
    wanted = {int(pk) for pk in ids}
    if not wanted:
        return
    _queue()[doc_type].update(wanted)
    transaction.on_commit(_flush, robust=True)


def connect() -> None:
    """Route every indexed model, and each row that feeds a document, to its doc type."""
    _routes.clear()
    for doc_type, document in registry().items():
        _routes[document.model].append((doc_type, "pk"))
        for label, attribute in document.related:
            _routes[apps.get_model(label)].append((doc_type, attribute))
    for model in _routes:
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"search-delete-{model._meta.label}"
        )
