"""Who stands behind a therapy fact an editor set in place of the curated file's.

A therapy row's (or a link's) ``source`` and ``retrieved_on`` are the curated file's: the load
writes them for the fields it writes. A field an editor changed keeps the editor's value across
loads (kbimport/importers/file_merge.py), and then the file does not say it: such a field is
told apart by ``file_values`` (what the file said at its last load) and is credited to the edit
that set it, read from the row's history: the source the editor named in that edit, else the
editors themselves, dated that day. When the file later says the same, it is the file's again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

EDITOR_SOURCE = "RareLabs editors"
# The facts a page states about the medicine itself, with the words a reader sees them as.
CREDITED = {"mechanism": "how it works", "modality": "kind of medicine"}
# The facts a page states about what the medicine does for one condition (the sets of papers,
# trials and addresses are merged name by name and shown one by one, not credited here).
LINK_CREDITED = {
    "mechanism": "what it does here", "population": "only for part of the condition",
    "variant_scope": "who it is for", "evidence_level": "evidence", "note": "note",
    "status": "status", "phase": "trial phase",
}  # fmt: skip


@dataclass(frozen=True)
class EditorValue:
    """A field an editor set that the curated file does not say, and its own attribution."""

    field: str
    label: str
    source: str
    on: dt.date | None  # None: the history does not say when

    @property
    def credit(self) -> str:
        """Who and when in one line, e.g. "RareLabs editors, 2026-12-07" (results, export)."""
        return f"{self.source}, {self.on.isoformat()}" if self.on else self.source


def as_said(value: Any) -> Any:
    """A stored value as the file's values keep it (JSON: a date as YYYY-MM-DD)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def changed_since_file(row: models.Model, fields: Iterable[str] | None = None) -> list[str]:
    """The fields (of ``fields``, else all the file wrote) whose stored value is not what the
    file said at its last load: an editor changed them since."""
    said = row.file_values or {}
    names = said if fields is None else [f for f in fields if f in said]
    return [f for f in names if as_said(getattr(row, f)) != said[f]]


def get_editor_values(
    rows: Iterable[models.Model], credited: Mapping[str, str]
) -> dict[int, list[EditorValue]]:
    """By row id, the ``credited`` fields an editor holds with who set them and when (one
    history query per model for them all, none when no field is held)."""
    held = {row.pk: (row, changed_since_file(row, credited)) for row in rows}
    held = {pk: pair for pk, pair in held.items() if pair[1]}
    if not held:
        return {}
    records = _histories(type(next(iter(held.values()))[0]), held, credited)
    found: dict[int, list[EditorValue]] = {}
    for pk, (row, fields) in held.items():
        newest_first = records.get(pk, [])
        found[pk] = [
            _credit(field, credited[field], getattr(row, field), newest_first) for field in fields
        ]
    return found


def therapy_get_editor_values(therapies: Iterable[models.Model]) -> dict[int, list[EditorValue]]:
    """By therapy id, the facts about the medicine an editor holds (CREDITED)."""
    return get_editor_values(therapies, CREDITED)


def link_get_editor_values(links: Iterable[models.Model]) -> dict[int, list[EditorValue]]:
    """By therapy link id, the facts about its use an editor holds (LINK_CREDITED)."""
    return get_editor_values(links, LINK_CREDITED)


@dataclass(frozen=True)
class EventCredit:
    """Who a regulatory event is shown under: the editors (on the day of their edit), the
    source an editor named, or the file that wrote it."""

    by_editors: bool
    source: str
    on: dt.date | None


def events_get_credit(events: Iterable[models.Model]) -> dict[int, EventCredit]:
    """By event id, who stands behind it as it reads now. An edit made in the admin keeps the
    file's source until the next load, and an editor may have put the file's words back since
    the load credited them: both are read from ``file_values`` and the history (one query for
    the events that need it)."""
    events = list(events)
    asked = {e.pk: changed_since_file(e) for e in events if e.file_values}
    asked = {pk: fields for pk, fields in asked.items() if fields}
    back = {e.pk for e in events if e.file_values and e.pk not in asked
            and e.source == EDITOR_SOURCE}  # fmt: skip
    records: dict[int, list[dict]] = {}
    if asked or back:
        fields = sorted({f for names in asked.values() for f in names})
        records = _histories(type(events[0]), [*asked, *back], fields)
    found = {}
    for event in events:
        newest_first = records.get(event.pk, [])
        if event.pk in asked:
            # The edit that set all the values it holds (the load dates the row by the same).
            held, values = asked[event.pk], [getattr(event, f) for f in asked[event.pk]]
            if _source_named_later(event, newest_first):
                held, values = ("source",), (event.source,)
            source, on = _set_by(newest_first, held, values)
            found[event.pk] = EventCredit(source == EDITOR_SOURCE, source, on)
        elif event.pk in back:
            # The file's words are back: the file's source as the history last had it.
            files = [r for r in newest_first if r["source"] != EDITOR_SOURCE]
            file = files[0] if files else {"source": event.source, "retrieved_on": None}
            found[event.pk] = EventCredit(False, file["source"], file["retrieved_on"])
        else:
            by_editors = event.source == EDITOR_SOURCE
            found[event.pk] = EventCredit(by_editors, event.source, event.retrieved_on)
    return found


def _source_named_later(event: models.Model, newest_first: list[dict]) -> bool:
    """Whether the event holds a source an editor named, neither the file's (the one it was
    made under) nor the editors': its values stand under it from the edit that named it,
    which may come after the edit that set them."""
    return bool(newest_first) and event.source not in (EDITOR_SOURCE, newest_first[-1]["source"])


def link_shown_values(link: Any, values: list[EditorValue]) -> list[EditorValue]:
    """Of a link's editor values, those its pages state: its stored status only when no
    decisive event decides the status shown (knowledge.regulatory.link_status)."""
    return [v for v in values if v.field != "status" or not link.regulatory.regions]


def links_prime_editor_values(links: Iterable[models.Model]) -> None:
    """Give each link its ``editor_values``, and each of its (prefetched) events its credit,
    from one history query per model for all of them (the models' own cached properties cost
    a query per edited row: one per card on a page)."""
    links = list(links)
    found = link_get_editor_values(links)
    events = [event for link in links for event in link.regulatory_events.all()]
    credits = events_get_credit(events)
    # A link with no mechanism of its own shows its therapy's (TherapyLink.mechanism_text).
    borrowed = {link.therapy_id: link.therapy for link in links if not link.mechanism}
    by_therapy = therapy_get_editor_values(borrowed.values())
    for link in links:
        own = found.get(link.pk, [])
        link.__dict__["editor_values"] = link_shown_values(link, own)
        link.__dict__["mechanism_text_values"] = mechanism_values(link, own, by_therapy)
    for event in events:
        event.__dict__["credit"] = credits[event.pk]


def _histories(model: Any, ids: Iterable[int], fields: Iterable[str]) -> dict[int, list[dict]]:
    """By row id, its history records newest first, with the provenance and ``fields`` (one
    query for all the rows)."""
    history = model.history.filter(id__in=list(ids)).order_by("id", "-history_date", "-history_id")
    records: dict[int, list[dict]] = {}
    for row in history.values("id", "source", "retrieved_on", "history_date", *fields):
        records.setdefault(row["id"], []).append(row)
    return records


def mechanism_values(
    link: Any, own: list[EditorValue], by_therapy: dict[int, list[EditorValue]]
) -> list[EditorValue]:
    """Who wrote the mechanism a link shows (TherapyLink.mechanism_text), when an editor did:
    the link's own, else its therapy's when the link has none."""
    values = own if link.mechanism else by_therapy.get(link.therapy_id, [])
    return [v for v in values if v.field == "mechanism"]


def run_start(
    newest_first: list[dict], fields: Sequence[str], values: Sequence[object] | None = None
) -> int:
    """Where the edit that set ``values`` of ``fields`` (else what the newest record holds)
    sits in a row's history records, newest first: the oldest record of the newest run of
    records holding them (the records after it hold something else)."""
    held = list(values) if values is not None else [newest_first[0][f] for f in fields]
    at = 0
    while at + 1 < len(newest_first) and [newest_first[at + 1][f] for f in fields] == held:
        at += 1
    return at


def _set_by(
    newest_first: list[dict], fields: Sequence[str], values: Sequence[object]
) -> tuple[str, dt.date | None]:
    """Who set ``values`` of ``fields`` and when: the edit that set them (run_start). A source
    it changed in that edit is the editor's own; else the editors are the source that day."""
    if not newest_first:  # no history kept (a row written around it): when is not known
        return EDITOR_SOURCE, None
    at = run_start(newest_first, fields, values)
    setter = newest_first[at]
    before = newest_first[at + 1] if at + 1 < len(newest_first) else None
    if before is not None and setter["source"] != before["source"]:
        # A retrieved date the edit left as it was is the file's: the edit's own day is theirs.
        same_day = setter["retrieved_on"] == before["retrieved_on"]
        on = timezone.localdate(setter["history_date"]) if same_day else setter["retrieved_on"]
        return setter["source"], on
    return EDITOR_SOURCE, timezone.localdate(setter["history_date"])


def _credit(field: str, label: str, value: object, newest_first: list[dict]) -> EditorValue:
    """The edit that set ``value`` of ``field``, credited (_set_by)."""
    return EditorValue(field, label, *_set_by(newest_first, (field,), (value,)))
