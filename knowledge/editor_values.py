"""Who stands behind a therapy fact an editor set in place of the curated file's.

A therapy row's ``source`` and ``retrieved_on`` are the curated file's: the load writes them for
the fields it writes. A field an editor changed keeps the editor's value across loads
(kbimport/importers/file_merge.py), and then the file does not say it: such a field is told
apart by ``file_values`` (what the file said at its last load) and is credited to the edit that
set it, read from the row's history: the source the editor named in that edit, else the
editors themselves, dated that day. When the file later says the same, it is the file's again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from knowledge.models import Therapy

EDITOR_SOURCE = "RareLabs editors"
# The facts a page states about the medicine itself, with the words a reader sees them as.
CREDITED = {"mechanism": "how it works", "modality": "kind of medicine"}


@dataclass(frozen=True)
class EditorValue:
    """A field an editor set that the curated file does not say, and its own attribution."""

    field: str
    label: str
    source: str
    on: dt.date | None  # None: the history does not say when


def _held(therapy: Therapy) -> list[str]:
    """The credited fields whose value is not what the file said at its last load."""
    said = therapy.file_values or {}
    return [f for f in CREDITED if f in said and getattr(therapy, f) != said[f]]


def therapy_get_editor_values(therapies: Iterable[Therapy]) -> dict[int, list[EditorValue]]:
    """By therapy id, the fields an editor holds with who set them and when (one history
    query for them all, none when no field is held)."""
    held = {t.pk: (t, _held(t)) for t in therapies}
    held = {pk: pair for pk, pair in held.items() if pair[1]}
    if not held:
        return {}
    history = Therapy.history.filter(id__in=held).order_by("id", "-history_date", "-history_id")
    records: dict[int, list[dict]] = {}
    for row in history.values("id", "source", "retrieved_on", "history_date", *CREDITED):
        records.setdefault(row["id"], []).append(row)
    found: dict[int, list[EditorValue]] = {}
    for pk, (therapy, fields) in held.items():
        newest_first = records.get(pk, [])
        found[pk] = [_credit(field, getattr(therapy, field), newest_first) for field in fields]
    return found


def _credit(field: str, value: object, newest_first: list[dict]) -> EditorValue:
    """The edit that set ``value``: the oldest record of the newest run holding it. A source
    it changed in that edit is the editor's own; else the editors are the source that day."""
    if not newest_first:  # no history kept (a row written around it): when is not known
        return EditorValue(field, CREDITED[field], EDITOR_SOURCE, None)
    at = 0
    while at + 1 < len(newest_first) and newest_first[at + 1][field] == value:
        at += 1
    setter = newest_first[at]
    before = newest_first[at + 1] if at + 1 < len(newest_first) else None
    if before is not None and setter["source"] != before["source"]:
        # A retrieved date the edit left as it was is the file's: the edit's own day is theirs.
        same_day = setter["retrieved_on"] == before["retrieved_on"]
        on = timezone.localdate(setter["history_date"]) if same_day else setter["retrieved_on"]
        return EditorValue(field, CREDITED[field], setter["source"], on)
    return EditorValue(
        field, CREDITED[field], EDITOR_SOURCE, timezone.localdate(setter["history_date"])
    )
