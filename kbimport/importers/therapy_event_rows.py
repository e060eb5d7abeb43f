"""The curated file's regulatory events of one therapy link, upserted by the key the file wrote
each under and merged three ways with an editor's corrections (file_merge)."""

from __future__ import annotations

import datetime as dt
import logging

from curation.services.merge_rows import change_reason
from ingest.rows import WriteOutcome
from kbimport.importers.common import ImportTally
from kbimport.importers.file_merge import FILE_OVER_EDITOR
from kbimport.importers.therapy_rows import TASK, edit_day, merge_row, save_row
from kbimport.therapy_file import TherapyLinkRecord
from knowledge.editor_values import EDITOR_SOURCE, changed_since_file, events_get_credit
from knowledge.models import RegulatoryEvent, TherapyLink

# An event's when and what are the file's to date; its wording stays as an editor set it.
EVENT_DATED = frozenset({"region", "kind", "date", "date_precision"})
# The file has an event at the region, kind and date an editor moved another of its events to.
KEY_HELD = "file event not written: an editor moved another event to its date and kind (settle it)"
logger = logging.getLogger(__name__)


def _file_key(event: RegulatoryEvent) -> tuple[str, str, dt.date]:
    """The event's (region, kind, date) as the file last wrote it (an editor may have corrected
    the stored date since), else as stored."""
    said = event.file_values or {}
    day = said.get("date")
    return (said.get("region", event.region), said.get("kind", event.kind),
            dt.date.fromisoformat(day) if day else event.date)  # fmt: skip


def _written_by(event: RegulatoryEvent, source: str) -> bool:
    """Whether this file wrote the event: its source now, or in its history (an editor may have
    named their own since). An event an editor added never held the file's source."""
    return event.source == source or event.history.filter(source=source).exists()


def _provenance(event: RegulatoryEvent, held: tuple[str, ...], said: dict) -> dict:
    """Who stands behind the event written: the file for what it says; for values an editor
    holds (``held``), the source the editor named, else the editors on the day of the edit."""
    if not held:
        return said
    if event.source not in ("", said["source"]):
        # The editor's values keep the source the editor named (or were credited), dated as
        # the pages credit it: a date the edit left as the file's is the day of the edit.
        credit = events_get_credit([event])[event.pk]
        named = credit.source == event.source and credit.on
        return {"retrieved_on": credit.on} if named and credit.on != event.retrieved_on else {}
    return {"source": EDITOR_SOURCE, "source_url": "", "retrieved_on": edit_day(event, held)}


def save_events(
    row: TherapyLink, link: TherapyLinkRecord, source: str, retrieved: dt.date, tally: ImportTally
) -> None:
    """Upsert the link's events by the (region, kind, date) the file wrote them under, merged
    three ways with what an editor corrected since (EVENT_DATED: the file's when both changed);
    drop this file's events it no longer has."""
    events = list(row.regulatory_events.all())
    existing = {_file_key(e): e for e in events}
    stored = {(e.region, e.kind, e.date): e for e in events}
    keys = [(r.region, r.kind, r.date) for r in link.regulatory_events]
    # An event the file still has under the key it wrote it under is that event's, first.
    claimed = {existing[key].pk for key in keys if key in existing}
    wanted, used = set(keys), set()
    for record, key in zip(link.regulatory_events, keys, strict=True):
        # The file may now say what an editor wrote (a corrected date): that row is the event.
        own = existing.get(key)
        event = own or stored.get(key)
        held = own is None and event is not None and event.pk in claimed
        if event is not None and (held or event.pk in used):
            # An editor moved another of the file's events here: a second row would break the
            # one-event-per-key rule, and moving theirs back would undo their correction.
            tally.note(KEY_HELD)
            logger.warning("%s: RegulatoryEvent (pk %s) an editor moved holds the key of "
                           "another file event: that one is not written", TASK, event.pk)  # fmt: skip
            continue
        event = event or RegulatoryEvent(link=row, region=record.region, kind=record.kind,
                                         date=record.date)  # fmt: skip
        used.add(event.pk)
        urls = [u for u in record.urls if len(u) <= 500]
        says = {
            "region": record.region, "kind": record.kind, "date": record.date.isoformat(),
            "date_precision": record.date_precision, "summary": record.summary, "urls": urls,
            "not_confirmed": record.not_confirmed or "",
        }  # fmt: skip
        merged = merge_row(event, says, EVENT_DATED, tally)
        values = merged.values | {"date": dt.date.fromisoformat(merged.values["date"])}
        said = {"source": source, "source_url": record.urls[0][:500], "retrieved_on": retrieved}
        provenance = _provenance(event, (*merged.kept, *merged.differ) if event.pk else (), said)
        save_row(event, values | provenance | {
            "source_id": f"{row.source_id} / {record.region} {record.kind}"[:120],
        }, "RegulatoryEvent", tally, file_values=merged.file_values)  # fmt: skip
    # Events an editor added in the admin are kept; the file's go, whatever source an editor
    # has given them since.
    stale = [e for key, e in existing.items()
             if key not in wanted and e.pk not in used and _written_by(e, source)]  # fmt: skip
    for event in stale:
        if changed_since_file(event):
            # The file moved or dropped an event an editor corrected: its dated fact wins, said.
            tally.note(FILE_OVER_EDITOR)
            logger.warning("%s: RegulatoryEvent (pk %s) an editor changed removed", TASK, event.pk)
            event._change_reason = change_reason("the file no longer has it; an editor's change")
        event.delete()
    tally.add("RegulatoryEvent removed", WriteOutcome(0, len(stale), 0))
