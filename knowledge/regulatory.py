"""Where a therapy link stands today, derived from its dated regulatory events.

This is the one place the derivation lives. The newest decisive event of a region wins: an
approval of any kind makes the link approved there; expiry, withdrawal or refusal ends it. A
narrowed label or a boxed warning keeps it approved but is said alongside. Pages, filters,
summaries and counts all read the result through `link_status` (rows with prefetched events) or
`approved_now_q` (the same rule as a database filter, used by TherapyLink.objects.approved_now()).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db.models import Exists, OuterRef, Q

APPROVAL_KINDS = frozenset(
    {"approved", "approved_accelerated", "approved_conditional", "approved_exceptional"}
)
END_KINDS = frozenset({"expired", "withdrawn", "refused"})
DECISIVE_KINDS = APPROVAL_KINDS | END_KINDS
CAVEAT_KINDS = frozenset({"restricted", "boxed_warning"})
# A link whose stored status claims an approval but which has no decisive event yet (a legacy or
# hand-made row) keeps that claim; the admin asks for an event when such a status is chosen.
LEGACY_APPROVED = {"fda_approved": "US", "ema_approved": "EU"}
REGION_ORDER = ("US", "EU", "UK", "OTHER")
REGION_NAMES = {"US": "US", "EU": "EU", "UK": "UK", "OTHER": "Other"}
REGULATOR = {"US": "FDA", "EU": "EMA", "UK": "MHRA", "OTHER": "regulator"}
KIND_WORDS = {
    "approved": "approved",
    "approved_accelerated": "accelerated approval",
    "approved_conditional": "conditional approval",
    "approved_exceptional": "approved under exceptional circumstances",
    "restricted": "label narrowed",
    "boxed_warning": "boxed warning",
    "expired": "authorisation expired",
    "withdrawn": "withdrawn",
    "refused": "refused",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


class EventLike(Protocol):
    region: str
    kind: str
    date: dt.date
    date_precision: str
    summary: str


@dataclass(frozen=True)
class RegionStatus:
    """One region's current standing: approved (with its kind and caveats), ended or none."""

    region: str
    approved: bool
    kind: str  # the deciding event's kind
    since: dt.date
    since_text: str
    caveats: tuple[str, ...]  # summaries of restrictions and boxed warnings in force
    boxed_warning: bool

    @property
    def label(self) -> str:
        """E.g. 'US: accelerated approval (2016)' or 'EU: authorisation expired (28 March 2025)'."""
        return f"{REGION_NAMES[self.region]}: {KIND_WORDS[self.kind]} ({self.since_text})"


@dataclass(frozen=True)
class LinkStatus:
    """A link's derived standing over all regions."""

    status: str  # an ApprovalStatus value
    regions: tuple[RegionStatus, ...]
    history: tuple[EventLike, ...]

    @property
    def approved_now(self) -> bool:
        return any(r.approved for r in self.regions) or self.status in LEGACY_APPROVED

    @property
    def approved_regions(self) -> tuple[str, ...]:
        if not self.regions and self.status in LEGACY_APPROVED:
            return (LEGACY_APPROVED[self.status],)
        return tuple(r.region for r in self.regions if r.approved)

    @property
    def ended(self) -> tuple[RegionStatus, ...]:
        return tuple(r for r in self.regions if not r.approved)

    @property
    def boxed_warning(self) -> bool:
        return any(r.boxed_warning for r in self.regions if r.approved)

    @property
    def caveats(self) -> tuple[str, ...]:
        return tuple(c for r in self.regions if r.approved for c in r.caveats)

    @property
    def summary(self) -> str:
        """Every region in one line, approved ones first."""
        ordered = sorted(self.regions, key=lambda r: (not r.approved, REGION_ORDER.index(r.region)))
        return "; ".join(r.label for r in ordered)


def date_text(date: dt.date, precision: str) -> str:
    """A date as precise as its source: '2016', 'November 2021' or '14 November 2025'."""
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def region_status(region: str, events: Sequence[EventLike]) -> RegionStatus | None:
    """The newest decisive event of one region decides; None when it has none."""
    mine = [e for e in events if e.region == region]
    decisive = [i for i, e in enumerate(mine) if e.kind in DECISIVE_KINDS]
    if not decisive:
        return None
    last = mine[decisive[-1]]
    approved = last.kind in APPROVAL_KINDS
    caveats: list[EventLike] = []
    if approved:
        # Caveats since the current run of approvals began (after the last ending event).
        ends = [i for i in decisive if mine[i].kind in END_KINDS]
        start = ends[-1] + 1 if ends else 0
        caveats = [e for e in mine[start:] if e.kind in CAVEAT_KINDS]
    return RegionStatus(
        region=region,
        approved=approved,
        kind=last.kind,
        since=last.date,
        since_text=date_text(last.date, last.date_precision),
        caveats=tuple(e.summary for e in caveats),
        boxed_warning=any(e.kind == "boxed_warning" for e in caveats),
    )


def _ordered(events: Iterable[EventLike]) -> list[EventLike]:
    # Stable on (date, then the order given): rows come ordered by (date, pk).
    return sorted(events, key=lambda e: e.date)


def link_status(stored_status: str, events: Iterable[EventLike]) -> LinkStatus:
    """Derive a link's current status from its events (the stored status only as a fallback)."""
    history = _ordered(events)
    regions = tuple(
        r for r in (region_status(code, history) for code in REGION_ORDER) if r is not None
    )
    approved = [r.region for r in regions if r.approved]
    if "US" in approved:
        status = "fda_approved"
    elif "EU" in approved:
        status = "ema_approved"
    elif approved:
        status = "approved_elsewhere"
    elif regions:
        status = "approval_ended"
    else:
        status = stored_status
    return LinkStatus(status=status, regions=regions, history=tuple(history))


def approved_now_q(region: str | None = None) -> Q:
    """The database form of `LinkStatus.approved_now` (or of approval in one region)."""
    from knowledge.models import RegulatoryEvent

    later_end = RegulatoryEvent.objects.filter(
        link=OuterRef(OuterRef("pk")), region=OuterRef("region"), kind__in=END_KINDS
    ).filter(Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk")))
    current = RegulatoryEvent.objects.filter(link=OuterRef("pk"), kind__in=APPROVAL_KINDS).filter(
        ~Exists(later_end)
    )
    any_decisive = RegulatoryEvent.objects.filter(link=OuterRef("pk"), kind__in=DECISIVE_KINDS)
    if region is not None:
        current = current.filter(region=region)
        legacy = [s for s, r in LEGACY_APPROVED.items() if r == region]
    else:
        legacy = list(LEGACY_APPROVED)
    return Exists(current) | (Q(status__in=legacy) & ~Exists(any_decisive))


def status_filter_q(statuses: Iterable[str], prefix: str = "") -> Q:
    """Links whose derived status is one of ``statuses`` ("EMA approved" = approved in the EU now,
    whatever else holds). ``prefix`` reaches links from another model, e.g. "links__"."""
    from knowledge.models import RegulatoryEvent, TherapyLink

    wanted = set(statuses)
    query = Q(pk__in=[])
    region_of = {"fda_approved": "US", "ema_approved": "EU"}
    for status, region in region_of.items():
        if status in wanted:
            query |= approved_now_q(region)
    others = wanted - set(region_of) - {"approval_ended", "approved_elsewhere"}
    if others:
        query |= Q(status__in=others) & ~approved_now_q(None)
    if "approval_ended" in wanted:
        ended = RegulatoryEvent.objects.filter(link=OuterRef("pk"), kind__in=END_KINDS)
        query |= Exists(ended) & ~approved_now_q(None)
    if "approved_elsewhere" in wanted:
        query |= (
            (approved_now_q("UK") | approved_now_q("OTHER"))
            & ~approved_now_q("US")
            & ~(approved_now_q("EU"))
        )
    if not prefix:
        return query
    return Q(**{f"{prefix}in": TherapyLink.objects.filter(query)})
