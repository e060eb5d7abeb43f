"""The one upsert engine: hash records, upsert by natural key, store batch by batch in a run.

Domain-free: the refreshers (through knowledge/records.py) and the knowledge base importers
both write through ``upsert_batch``; what a batch links and reindexes is the caller's business.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from ingest.errors import IngestError, RecordParseError
from ingest.locks import RefreshLock, refresh_lock
from ingest.models import RefreshRun
from ingest.rows import upsert_rows
from ingest.runs import (
    run_count,
    run_finish,
    run_record_error,
    run_save_progress,
    run_start,
    runs_mark_interrupted,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOutcome:
    """What one batch upsert did; ``pk_by_key`` covers every row of the batch."""

    created: int
    updated: int
    unchanged: int
    changed_pks: tuple[int, ...]
    pk_by_key: Mapping[str, int]


def text_cut(value: str | None, length: int) -> str:
    """A text cut to fit its column ('' for None)."""
    return (value or "")[:length]


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def record_flat(item: Any) -> dict[str, Any]:
    """dataclasses.asdict for a dataclass of plain values, without its recursive deep copies."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


def record_hash(record: Any) -> str:
    """A stable SHA-256 of a parsed record: equal content, equal hash.

    A frozen dataclass's repr lists every field, nested ones included, in declaration order;
    it is several times faster than asdict + json for the same answer.
    """
    return hashlib.sha256(repr(record).encode()).hexdigest()


def upsert_batch(
    model: type[models.Model], key_field: str, rows: Mapping[str, dict[str, Any]]
) -> BatchOutcome:
    """Insert new rows, update changed ones (by ``content_hash``); leave unchanged rows alone.

    Call inside a transaction. ``rows`` maps the natural key (NCT id, PMID) to field values,
    ``content_hash`` included. Writes through the one upsert engine (ingest/rows.py); a record
    another scope's refresh inserts meanwhile is updated instead (ON CONFLICT).
    """
    existing = dict(
        model.objects.filter(**{f"{key_field}__in": list(rows)}).values_list(key_field, "pk")
    )
    full_rows = [
        _row_with_defaults(model, {key_field: key, **fields}) for key, fields in rows.items()
    ]
    written = [name for name in full_rows[0] if name not in (key_field, "created_at")]
    outcome = upsert_rows(
        model,
        full_rows,
        conflict=[key_field],
        update=written,
        compare=["content_hash"],
        returning=True,
    )
    pk_by_key = {**existing, **dict(outcome.changed)}
    if late := [key for key in rows if key not in pk_by_key]:
        # Inserted by a concurrent refresh after our read, with the same content: look it up.
        pk_by_key.update(
            model.objects.filter(**{f"{key_field}__in": late}).values_list(key_field, "pk")
        )
    return BatchOutcome(
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        changed_pks=tuple(pk for _, pk in outcome.changed),
        pk_by_key=pk_by_key,
    )


def _row_with_defaults(model: type[models.Model], fields: dict[str, Any]) -> dict[str, Any]:
    # Raw SQL skips Django's defaults and auto_now: take every column's value from an instance.
    instance = model(**fields)
    return {
        f.attname: f.pre_save(instance, True)
        for f in model._meta.concrete_fields
        if not f.primary_key
    }


def records_consume(
    run: RefreshRun,
    records: Iterable[Any],
    *,
    key: Callable[[Any], str],
    write_batch: Callable[[dict[str, Any]], BatchOutcome],
    lock: RefreshLock | None,
    batch_size: int,
) -> None:
    """Store parsed records batch by batch (one transaction each); skip and count broken ones."""
    batch: dict[str, Any] = {}
    for item in records:
        run.fetched += 1
        if isinstance(item, RecordParseError):
            run_record_error(run, item)
            continue
        # A record met twice in one batch (paging overlap) is stored once and counted unchanged.
        if key(item) in batch:
            run.unchanged += 1
        batch[key(item)] = item
        if len(batch) >= batch_size:
            _flush(run, batch, write_batch, lock)
            batch = {}
    if batch:
        _flush(run, batch, write_batch, lock)


def _flush(
    run: RefreshRun,
    batch: dict[str, Any],
    write_batch: Callable[[dict[str, Any]], BatchOutcome],
    lock: RefreshLock | None,
) -> None:
    with transaction.atomic():
        outcome = write_batch(batch)
    run_count(run, created=outcome.created, updated=outcome.updated, unchanged=outcome.unchanged)
    run_save_progress(run)
    if lock is not None:
        lock.extend()


def refresh_locked(
    *,
    task: str,
    scope: str,
    mode: str,
    since: dt.datetime | None,
    body: Callable[[RefreshRun, RefreshLock], None],
) -> RefreshRun | None:
    """Run ``body`` under the scope's lock inside a RefreshRun; None when skipped (lock held).

    Upstream and response errors end the run as failed (what was stored stays); anything
    else also marks it failed, then propagates because it is a bug.
    """
    with refresh_lock(f"{task}:{scope}") as lock:
        if lock is None:
            return None
        runs_mark_interrupted(tasks=(task,), scope=scope)  # we hold the lock: they are dead
        run = run_start(task, scope, mode, since)
        try:
            body(run, lock)
        except IngestError as exc:
            return run_finish(run, error=exc)
        except Exception as exc:
            run_finish(run, error=exc)
            raise
        return run_finish(run)
