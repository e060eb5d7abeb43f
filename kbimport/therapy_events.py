"""The curated file's regulatory events and unconfirmed facts: parse and check them.

Pure Python (no Django), used by kbimport.therapy_file. An event's date is written as precisely
as its source gives it: "2016", "2021-11" or "2025-03-28".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

REGIONS = frozenset({"US", "EU", "UK", "OTHER"})
EVENT_KINDS = frozenset({
    "approved", "approved_accelerated", "approved_conditional", "approved_exceptional",
    "restricted", "boxed_warning", "expired", "withdrawn", "refused",
})  # fmt: skip
APPROVAL_KINDS = frozenset(k for k in EVENT_KINDS if k.startswith("approved"))
END_KINDS = frozenset({"expired", "withdrawn", "refused"})
_EVENT_KEYS = frozenset({"region", "kind", "date", "summary", "urls", "not_confirmed"})
# Facts a link may mark as not confirmed by the fact sheet (its "partial" notes).
UNCONFIRMED_FACTS = frozenset(
    {"approval_year_fda", "approval_year_ema", "mechanism", "references.pmids"}
)
_DATE_FORMATS = (
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
)


class EventFileError(ValueError):
    """A malformed event; the message names the link and the field."""


@dataclass(frozen=True)
class RegulatoryEventRecord:
    """One dated regulatory decision for a link, in one region, with its sources."""

    region: str
    kind: str
    date: dt.date
    date_precision: str
    summary: str
    urls: tuple[str, ...]
    not_confirmed: str | None


def parse_date(text: object) -> tuple[dt.date, str]:
    """'2016' -> (2016-01-01, 'year'); '2021-11' -> month; '2025-03-28' -> day."""
    if isinstance(text, str):
        for pattern, precision in _DATE_FORMATS:
            if pattern.fullmatch(text):
                parts = [int(p) for p in text.split("-")] + [1, 1]
                try:
                    return dt.date(parts[0], parts[1], parts[2]), precision
                except ValueError:
                    break
    raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")


def _event(data: object, where: str) -> RegulatoryEventRecord:
    if not isinstance(data, dict):
        raise EventFileError(f"{where}: each regulatory event must be a JSON object")
    unknown = sorted(set(data) - _EVENT_KEYS)
    if unknown:
        raise EventFileError(f"{where}: field 'regulatory_events.{unknown[0]}': unknown field")
    if data.get("region") not in REGIONS:
        raise EventFileError(f"{where}: field 'regulatory_events.region': {data.get('region')!r}")
    if data.get("kind") not in EVENT_KINDS:
        raise EventFileError(f"{where}: field 'regulatory_events.kind': {data.get('kind')!r}")
    try:
        date, precision = parse_date(data.get("date"))
    except ValueError as error:
        raise EventFileError(f"{where}: field 'regulatory_events.date': {error}") from error
    summary = data.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise EventFileError(f"{where}: field 'regulatory_events.summary': must be plain words")
    urls = data.get("urls")
    if (
        not isinstance(urls, list)
        or not urls
        or not all(isinstance(u, str) and u.startswith(("https://", "http://")) for u in urls)
    ):
        raise EventFileError(f"{where}: field 'regulatory_events.urls': one or more http(s) URLs")
    note = data.get("not_confirmed")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise EventFileError(f"{where}: field 'regulatory_events.not_confirmed': must be text")
    return RegulatoryEventRecord(
        region=data["region"], kind=data["kind"], date=date, date_precision=precision,
        summary=summary.strip(), urls=tuple(urls), not_confirmed=note.strip() if note else None,
    )  # fmt: skip


def parse_events(link: dict[str, Any], where: str) -> tuple[RegulatoryEventRecord, ...]:
    """The link's events, oldest first; raise EventFileError naming the bad field."""
    raw = link.get("regulatory_events", [])
    if not isinstance(raw, list):
        raise EventFileError(f"{where}: field 'regulatory_events': must be a list")
    events = [_event(item, where) for item in raw]
    if events != sorted(events, key=lambda e: e.date):
        raise EventFileError(f"{where}: field 'regulatory_events': list them oldest first")
    return tuple(events)


def parse_unconfirmed(link: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    """The facts the fact sheet marks partial, as (fact, what was not confirmed)."""
    raw = link.get("not_confirmed", {})
    if not isinstance(raw, dict):
        raise EventFileError(f"{where}: field 'not_confirmed': must map a fact to a note")
    for fact, note in raw.items():
        if fact not in UNCONFIRMED_FACTS:
            raise EventFileError(f"{where}: field 'not_confirmed': unknown fact {fact!r}")
        if not isinstance(note, str) or not note.strip():
            raise EventFileError(f"{where}: field 'not_confirmed.{fact}': must be text")
    return tuple((fact, note.strip()) for fact, note in raw.items())


def _approved_now(events: tuple[RegulatoryEventRecord, ...], region: str) -> bool:
    decisive = [e for e in events if e.region == region and e.kind in APPROVAL_KINDS | END_KINDS]
    return bool(decisive) and decisive[-1].kind in APPROVAL_KINDS


def check_status(
    *,
    where: str,
    status: str,
    years: dict[str, int | None],
    events: tuple[RegulatoryEventRecord, ...],
) -> None:
    """The stored status and years must say what the events say (one truth, two spellings)."""
    for region, field in (("US", "approval_year_fda"), ("EU", "approval_year_ema")):
        first = next((e for e in events if e.region == region and e.kind in APPROVAL_KINDS), None)
        if (first.date.year if first else None) != years[field]:
            raise EventFileError(
                f"{where}: field {field!r}: {years[field]!r} but the first {region} approval "
                f"event is {first.date.year if first else None!r}"
            )
    us, eu = _approved_now(events, "US"), _approved_now(events, "EU")
    expected = {
        "fda_approved": us,
        "ema_approved": eu and not us,
        "approval_ended": bool(events) and not (us or eu),
    }
    if status in expected and not expected[status]:
        raise EventFileError(f"{where}: field 'status': {status!r} disagrees with the events")
    if status not in expected and (us or eu):
        raise EventFileError(f"{where}: field 'status': {status!r} but an approval is in force")
