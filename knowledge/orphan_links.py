"""An imported FDA orphan link's status and US regulatory events, kept in step with its approvals.

One writer for the importer and the editors' review: each standing or withdrawn approval is a
dated US `approved` event; a withdrawn one also gets a `withdrawn` event. The FDA list gives no
withdrawal date, so that event carries the date the list was read and says so in
`not_confirmed`. Curated links are never touched: their facts win.
"""

from __future__ import annotations

from collections import Counter

from knowledge.models import (
    ApprovalStatus,
    OrphanApproval,
    Region,
    RegulatoryEvent,
    RegulatoryEventKind,
    TherapyLink,
)

WITHDRAWAL_NOT_DATED = (
    "The date of the withdrawal: the FDA list marks the approval withdrawn without a date; "
    "the date shown is when the list was read."
)
SUMMARY_LENGTH = 600


def _wanted(approvals: list[OrphanApproval]) -> dict[tuple[str, object], dict]:
    wanted: dict[tuple[str, object], dict] = {}
    for a in sorted(approvals, key=lambda a: (a.approved_on, a.pk)):
        what = (a.indication or a.designation)[:SUMMARY_LENGTH]
        common = {"source": a.source, "source_id": a.source_id[:120],
                  "source_url": a.source_url, "retrieved_on": a.retrieved_on,
                  "urls": [a.source_url] if a.source_url else []}  # fmt: skip
        wanted.setdefault((RegulatoryEventKind.APPROVED, a.approved_on), {
            **common, "summary": f"FDA orphan drug approval for: {what}", "not_confirmed": "",
        })  # fmt: skip
        if a.withdrawn:
            wanted.setdefault((RegulatoryEventKind.WITHDRAWN, a.retrieved_on), {
                **common, "summary": "The FDA's orphan drug list marks this approval as withdrawn.",
                "not_confirmed": WITHDRAWAL_NOT_DATED,
            })  # fmt: skip
    return wanted


def orphan_link_sync(*, link: TherapyLink, source: str) -> Counter[str]:
    """Status, first approval year and US events of ``link`` from its approvals; an imported
    link left without approvals is deleted. Returns counts: created, updated, unchanged, deleted."""
    counts: Counter[str] = Counter()
    if link.source != source:
        return counts  # a curated link keeps its own status and events
    approvals = list(link.orphan_approvals.all())
    if not approvals:
        link.delete()
        counts["deleted"] += 1
        return counts
    standing = [a.approved_on for a in approvals if not a.withdrawn]
    status = ApprovalStatus.FDA_APPROVED if standing else ApprovalStatus.APPROVAL_ENDED
    year = min(standing).year if standing else None
    if (link.status, link.approval_year_fda) != (status, year):
        link.status, link.approval_year_fda = status, year
        link.save(update_fields=["status", "approval_year_fda", "updated_at"])
        counts["updated"] += 1
    wanted = _wanted(approvals)
    events = RegulatoryEvent.objects.filter(link=link, region=Region.US, source=source)
    have = {(e.kind, e.date): e for e in events}
    for key, event in have.items():
        if key not in wanted:
            event.delete()
            counts["deleted"] += 1
    for (kind, date), values in wanted.items():
        event = have.get((kind, date))
        if event is None:
            RegulatoryEvent.objects.create(link=link, region=Region.US, kind=kind, date=date,
                                           date_precision="day", **values)  # fmt: skip
            counts["created"] += 1
        elif any(getattr(event, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(event, k, v)
            event.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts
