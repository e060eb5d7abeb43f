"""Store refreshed trial and publication records: upsert, link to the knowledge base, reindex.

The refreshers in trials/ and literature/ describe their table with a ``RecordSink``; the rows go
through the one upsert engine (ingest/pipeline.py), links through the matcher (linking.py), and
changed rows join the search signals' on-commit queue (the one reindex path: a Celery task).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ingest.locks import RefreshLock
from ingest.models import RefreshRun
from ingest.pipeline import BatchOutcome, records_consume, upsert_batch
from ingest.runs import run_failed_transiently
from knowledge.linking import Matcher, RecordText, links_write
from knowledge.models import Condition
from search.signals import reindex_on_commit

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
