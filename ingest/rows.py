"""The one upsert engine: COPY a batch into a temporary table, then one INSERT ... ON CONFLICT.

The knowledge base importers and the trial/publication refreshes (through ingest/pipeline.py)
both write here.

An existing row is rewritten only where a compared column differs (``IS DISTINCT FROM``), and
PostgreSQL says row by row whether it inserted (``xmax = 0``) or updated, so the counts of
created, updated and unchanged rows are exact. Callers wrap each batch in a transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

_temp_names = itertools.count()


@dataclass(frozen=True)
class WriteOutcome:
    """What one upsert or update did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # (conflict key, pk) of every row inserted or updated, when asked for with ``returning``.
    changed: tuple[tuple[Any, int], ...] = ()


def _columns(model: type[models.Model], names: Sequence[str]) -> list[str]:
    # get_field knows attnames too ("condition_id").
    return [model._meta.get_field(name).column for name in names]


def _json_positions(model: type[models.Model], names: Sequence[str]) -> list[int]:
    return [
        i for i, name in enumerate(names)
        if isinstance(model._meta.get_field(name), models.JSONField)
    ]  # fmt: skip


def _stage(
    cursor: Any, model: type[models.Model], names: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> str:
    """COPY ``rows`` into a new temporary table shaped like ``model``'s columns; return its name."""
    table = connection.ops.quote_name(model._meta.db_table)
    temp = f"_import_rows_{next(_temp_names)}"
    columns = ", ".join(_columns(model, names))
    # No constraints are copied: the real table checks them on INSERT.
    # Table and column names below come from model metadata, never from input: S608 is noise.
    create = f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS SELECT {columns} FROM {table}"  # noqa: S608 - names from model metadata
    cursor.execute(f"{create} WITH NO DATA")
    json_at = _json_positions(model, names)
    with cursor.cursor.copy(f"COPY {temp} ({columns}) FROM STDIN") as copy:
        for row in rows:
            values = [row[name] for name in names]
            for i in json_at:
                if values[i] is not None:
                    values[i] = connection.ops.adapt_json_value(values[i], None)
            copy.write_row(values)
    return temp


def upsert_rows(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    conflict: Sequence[str],
    update: Sequence[str] = (),
    touch: Sequence[str] = (),
    owned_by: tuple[str, str] | None = None,
    compare: Sequence[str] | None = None,
    returning: bool = False,
) -> WriteOutcome:
    """Insert rows, updating the ``update`` fields of existing ones only where they differ.

    ``rows`` carry every column to insert (keyed by field name or attname); ``touch`` fields
    (e.g. updated_at) are set to now on insert and on a real update. ``owned_by`` =
    (field, prefix) updates an existing row only if that field starts with prefix, so two
    sources never overwrite each other's facts back and forth. Rows repeating a key keep the last.
    ``compare`` (default: ``update``) are the fields whose difference makes an update, e.g. a
    content hash; ``returning`` lists the (first conflict field, pk) of written rows.
    """
    unique = {tuple(row[k] for k in conflict): row for row in rows}
    if not unique:
        return WriteOutcome()
    now = timezone.now()
    first = next(iter(unique.values()))
    names = [*first.keys(), *touch]
    staged = (
        [{**row, **dict.fromkeys(touch, now)} for row in unique.values()]
        if touch
        else list(unique.values())
    )
    table = connection.ops.quote_name(model._meta.db_table)
    cols = dict(zip(names, _columns(model, names), strict=True))
    params: list[Any] = []
    if update:
        sets = ", ".join(f"{cols[n]} = EXCLUDED.{cols[n]}" for n in (*update, *touch))
        compared = update if compare is None else compare
        old = ", ".join(f"{table}.{cols[n]}" for n in compared)
        new = ", ".join(f"EXCLUDED.{cols[n]}" for n in compared)
        action = f"DO UPDATE SET {sets} WHERE ROW({old}) IS DISTINCT FROM ROW({new})"
        if owned_by is not None:
            action += f" AND {table}.{_columns(model, [owned_by[0]])[0]} LIKE %s"
            params.append(owned_by[1].replace("%", r"\%") + "%")
    else:
        action = "DO NOTHING"
    column_list = ", ".join(cols.values())
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    # The temporary table lives until commit: always inside a transaction (or savepoint).
    with transaction.atomic(), connection.cursor() as cursor:
        temp = _stage(cursor, model, names, staged)
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM {temp} "  # noqa: S608
            f"ON CONFLICT ({', '.join(cols[k] for k in conflict)}) {action} "
            f"RETURNING (xmax = 0), {table}.{pk_column}, {table}.{cols[conflict[0]]}",
            params,
        )
        written = cursor.fetchall()
        cursor.execute(f"DROP TABLE {temp}")
    created = sum(1 for flag, _, _ in written if flag)
    updated = len(written) - created
    changed = tuple((key, pk) for _, pk, key in written) if returning else ()
    return WriteOutcome(created, updated, len(unique) - created - updated, changed)


def update_rows(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    key: str,
    fields: Sequence[str],
    touch: Sequence[str] = (),
) -> WriteOutcome:
    """Update ``fields`` of existing rows matched on ``key`` where they differ; never inserts."""
    unique = {row[key]: row for row in rows}
    if not unique:
        return WriteOutcome()
    names = [key, *fields]
    cols = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    sets = [f"{c} = v.{c}" for c in cols[1:]] + [f"{c} = %s" for c in _columns(model, touch)]
    old = ", ".join(f"t.{c}" for c in cols[1:])
    new = ", ".join(f"v.{c}" for c in cols[1:])
    with transaction.atomic(), connection.cursor() as cursor:
        temp = _stage(cursor, model, names, list(unique.values()))
        cursor.execute(
            f"UPDATE {table} AS t SET {', '.join(sets)} FROM {temp} AS v "  # noqa: S608
            f"WHERE t.{cols[0]} = v.{cols[0]} AND ROW({old}) IS DISTINCT FROM ROW({new}) "
            f"RETURNING t.{cols[0]}",
            [timezone.now() for _ in touch],
        )
        updated = len(cursor.fetchall())
        cursor.execute(f"DROP TABLE {temp}")
    return WriteOutcome(0, updated, len(unique) - updated)
