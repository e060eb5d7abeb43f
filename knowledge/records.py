"""The refresh skeleton: store trial and publication records, link them, reindex what changed.

trials/ and literature/ configure one ``RefreshSource`` each (their table as a ``RecordSink``, how
to ask the upstream); ``source_refresh`` and ``source_fetch`` run it the same way. Rows go
through the one upsert engine (ingest/pipeline.py), links through the matcher (linking.py), and
changed rows join the search signals' on-commit queue (the one reindex path: a Celery task).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ingest.locks import RefreshLock
from ingest.models import RefreshRun
from ingest.pipeline import BatchOutcome, records_consume, refresh_locked, upsert_batch
from ingest.runs import run_failed_transiently, run_last_success
from knowledge.linking import (
    Matcher,
    RecordText,
    links_write,
    load_condition,
    matcher_for_condition,
    matcher_for_references,
)
from knowledge.models import Condition
from search.signals import reindex_on_commit

logger = logging.getLogger(__name__)

# A scheduled run refreshes at most this many conditions, least recently refreshed first.
DUE_LIMIT = 200


@dataclass(frozen=True)
class RecordSink:
    """Where one kind of upstream record goes: its table and key, its links, its search type."""

    model: type[models.Model]
    key_field: str  # the record attribute and the model field, e.g. "pmid" or "nct_id"
    link_model: type[models.Model]
    link_field: str
    doc_type: str
    fields: Callable[[Any, dt.datetime], dict[str, Any]]
    text: Callable[[Any], RecordText]
    batch_size: int


def records_store(
    run: RefreshRun,
    records: Iterable[Any],
    *,
    sink: RecordSink,
    matcher: Matcher,
    lock: RefreshLock | None,
) -> None:
    """Upsert records, link them by the matcher and reindex what changed, batch by batch."""
    retrieved_at = timezone.now()

    def write(batch: dict[str, Any]) -> BatchOutcome:
        rows = {key: sink.fields(record, retrieved_at) for key, record in batch.items()}
        outcome = upsert_batch(sink.model, sink.key_field, rows)
        links_write(
            sink.link_model,
            sink.link_field,
            (
                (outcome.pk_by_key[key], link)
                for key, record in batch.items()
                for link in matcher.propose(sink.text(record))
            ),
        )
        reindex_on_commit(sink.doc_type, outcome.changed_pks)
        return outcome

    records_consume(
        run,
        records,
        key=lambda record: getattr(record, sink.key_field),
        write_batch=write,
        lock=lock,
        batch_size=settings.REFRESH_BATCH_SIZE or sink.batch_size,
    )


@dataclass(frozen=True)
class RefreshSource:
    """What one upstream configures: its run names, its table, and how it is asked."""

    task: str  # the RefreshRun task of a condition refresh, e.g. "trials_refresh"
    fetch_task: str  # the RefreshRun task of a fetch by id, e.g. "trials_fetch"
    kind: str  # the matcher's reference kind: "trial" or "publication"
    sink: RecordSink
    query: Callable[[Condition], str]
    search: Callable[[str, dt.datetime | None, str], Iterable[Any]]  # (query, since, scope)
    by_id: Callable[[list[str]], Iterable[Any]]
    clean_id: Callable[[str], str]  # '' for an id that is not one


def source_refresh(
    source: RefreshSource, *, condition_id: int, full: bool = False
) -> RefreshRun | None:
    """Refresh one condition's records; None when already running or the condition is gone.

    Incremental runs ask for records changed since the last successful run of the same scope;
    ``full=True`` asks for everything. Nothing is ever deleted here.
    """
    try:
        condition = load_condition(condition_id)
    except Condition.DoesNotExist:
        logger.warning("%s skipped: condition %s no longer exists", source.task, condition_id)
        return None
    scope = f"condition:{condition.pk}"
    last = None if full else run_last_success(source.task, scope)
    since = last.started_at if last else None
    query = source.query(condition)

    def body(run: RefreshRun, lock: RefreshLock) -> None:
        matcher = matcher_for_condition(condition, kind=source.kind, query=query)
        records = source.search(query, since, scope)
        records_store(run, records, sink=source.sink, matcher=matcher, lock=lock)

    return refresh_locked(
        task=source.task,
        scope=scope,
        mode="full" if since is None else "incremental",
        since=since,
        body=body,
    )


def source_fetch(source: RefreshSource, ids: Iterable[str]) -> RefreshRun | None:
    """Fetch specific records by id (those not stored yet), linking curated references."""
    wanted = sorted({cleaned for cleaned in map(source.clean_id, ids) if cleaned})
    key = source.sink.key_field
    stored = set(
        source.sink.model.objects.filter(**{f"{key}__in": wanted}).values_list(key, flat=True)
    )
    missing = [i for i in wanted if i not in stored]

    def body(run: RefreshRun, lock: RefreshLock) -> None:
        matcher = matcher_for_references(source.kind)
        records_store(run, source.by_id(missing), sink=source.sink, matcher=matcher, lock=lock)

    return refresh_locked(
        task=source.fetch_task, scope="references", mode="by_id", since=None, body=body
    )


def conditions_refresh_due(
    task: str, refresh: Callable[..., RefreshRun | None]
) -> list[RefreshRun]:
    """Refresh every due condition; stop at the first transient upstream failure."""
    runs: list[RefreshRun] = []
    for condition_id in due_condition_ids(task):
        run = refresh(condition_id=condition_id)
        if run is None:
            continue
        runs.append(run)
        if run_failed_transiently(run):
            # The upstream is down: the failed run logged one line; the next beat retries.
            break
    return runs


def due_condition_ids(task: str, limit: int = DUE_LIMIT) -> list[int]:
    """Conditions worth refreshing (with therapy, trial or publication links), stalest first."""
    candidates = list(
        Condition.objects.filter(
            Q(therapy_links__isnull=False)
            | Q(triallinks__isnull=False)
            | Q(publicationlinks__isnull=False)
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    last_run = dict(
        RefreshRun.objects.filter(task=task, scope__in=[f"condition:{pk}" for pk in candidates])
        .values_list("scope", "started_at")
        .order_by("scope", "started_at")
    )
    never = timezone.now().replace(year=1970)
    candidates.sort(key=lambda pk: last_run.get(f"condition:{pk}", never))
    return candidates[:limit]
