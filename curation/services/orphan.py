"""Editors' decisions on FDA orphan approvals whose indication matched several conditions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from knowledge.models import (
    ApprovalStatus,
    Condition,
    IndicationMatch,
    OrphanApproval,
    ReviewStatus,
    TherapyLink,
)
from knowledge.orphan_links import orphan_link_sync


@transaction.atomic
def orphan_approval_link(
    *, approval: OrphanApproval, condition: Condition, user: Any
) -> OrphanApproval:
    """Link an approval to the condition an editor chose; a re-import keeps this choice."""
    old = approval.link
    therapy = old.therapy
    # A curated link for the same therapy and condition takes the approval, as on import.
    existing = list(TherapyLink.objects.filter(therapy=therapy, condition=condition).order_by("pk"))
    target = next((x for x in existing if x.source != approval.source), None) or next(
        iter(existing), None
    )
    if target is None:
        target = TherapyLink.objects.create(
            therapy=therapy, condition=condition, condition_name=old.condition_name,
            status=ApprovalStatus.APPROVAL_ENDED if approval.withdrawn else ApprovalStatus.FDA_APPROVED,
            evidence_level=old.evidence_level, source=approval.source,
            source_id=f"{therapy.name} / {condition.name}"[:120], source_url=old.source_url,
            urls=list(old.urls), retrieved_on=approval.retrieved_on,
        )  # fmt: skip
    approval.link = target
    approval.match = IndicationMatch.EDITOR
    approval.review_status = ReviewStatus.CONFIRMED
    approval.reviewed_by = user
    approval.reviewed_at = timezone.now()
    approval.save()
    approval.candidates.clear()
    orphan_link_sync(link=target, source=approval.source)
    if old.pk != target.pk:
        orphan_link_sync(link=old, source=approval.source)
    return approval


@transaction.atomic
def orphan_approval_reject(*, approval: OrphanApproval, user: Any) -> OrphanApproval:
    """Record that no candidate fits: the approval stays unlinked and a re-import leaves it."""
    approval.review_status = ReviewStatus.REJECTED
    approval.reviewed_by = user
    approval.reviewed_at = timezone.now()
    approval.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    return approval
