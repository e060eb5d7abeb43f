"""Model rows read by one raw statement as JSON, turned back into the ORM's own instances.

A page that is mostly a cold page-cache miss spends more Python building and compiling ORM
queries (~0.5-1.5 ms each, even for one that returns nothing) than reading their rows. Its
selector can instead read every list in one statement, each list as a JSON array of arrays in
a model's column order; `RowShape` writes that column list from the model's metadata and turns
each array back into the instance the ORM builds (`Model.from_db`), and `store_prefetched`
caches a list as Django's prefetch would, so templates and helpers read it without a query.
Used by the condition page (`pages/condition_rows.py`) and the treatment search
(`treatments/link_rows.py`); issue 14 item 10.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a JSON value becomes what the ORM gives (JSON carries dates as ISO text)."""
    if isinstance(field, models.DateTimeField):
        return datetime.datetime.fromisoformat
    if isinstance(field, models.DateField):
        return datetime.date.fromisoformat
    if isinstance(field, models.DecimalField | models.UUIDField | models.DurationField):
        raise TypeError(f"{field!r}: JSON does not carry this type back exactly")
    return None


@dataclass(frozen=True)
class RowShape:
    """A model's fields as read from a JSON array: names, SQL for the array, and converters."""

    model: type[models.Model]
    names: tuple[str, ...]
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]
    sql: str

    @classmethod
    def of(cls, model: type[models.Model], alias: str, names: Sequence[str] = ()) -> RowShape:
        """The shape of `model`'s fields `names` (all when empty) read from table alias `alias`."""
        # In the model's own order: `from_db` reads values in that order, skipping the rest.
        wanted = {model._meta.get_field(n).attname for n in names}
        fields = [f for f in model._meta.concrete_fields if not wanted or f.attname in wanted]
        converters = tuple(
            (i, convert) for i, f in enumerate(fields) if (convert := _converter(f)) is not None
        )
        sql = ", ".join(f'{alias}."{f.column}"' for f in fields)
        return cls(model, tuple(f.attname for f in fields), converters, sql)

    def build(self, values: list[Any]) -> models.Model:
        """The instance the ORM builds from these values (fields not read stay deferred)."""
        for i, convert in self.converters:
            if values[i] is not None:
                values[i] = convert(values[i])
        return self.model.from_db("default", self.names, values)


def store_prefetched(instance: models.Model, name: str, model: type, rows: list) -> None:
    """Store `rows` as Django's prefetch stores a relation, so `.all()` sends no query."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    rows_qs = QuerySet(model=model)
    rows_qs._result_cache, rows_qs._prefetch_done = rows, True
    cache[name] = rows_qs
