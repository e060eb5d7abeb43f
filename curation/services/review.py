"""The review queue: editors confirm, correct or reject links the workers made by name matching."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from knowledge.models import Condition, ReviewStatus

REVIEW_DECISIONS = (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED)


class ReviewError(ValueError):
    """A review decision that cannot be applied."""


def _stamp(link: Any, *, status: str, user: Any) -> None:
    link.review_status = status
    link.reviewed_by = user
    link.reviewed_at = timezone.now()


@transaction.atomic
def link_review(*, link: Any, status: str, user: Any) -> Any:
    """Confirm or reject one TrialLink/PublicationLink, recording who decided and when."""
    if status not in REVIEW_DECISIONS:
        raise ReviewError(f"a review decision is confirmed or rejected, not {status!r}")
    _stamp(link, status=status, user=user)
    link.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    return link


@transaction.atomic
def links_review(*, links: Iterable[Any], status: str, user: Any) -> int:
    """Apply one decision to many links; returns how many were changed."""
    count = 0
    for link in links:
        link_review(link=link, status=status, user=user)
        count += 1
    return count


def _twin(link: Any, condition: Condition) -> Model | None:
    """The link that already ties the same record to `condition`, if any."""
    record_field = "trial" if hasattr(link, "trial_id") else "publication"
    return (
        type(link)
        .objects.filter(
            **{f"{record_field}_id": getattr(link, f"{record_field}_id")},
            condition=condition,
            gene_id=link.gene_id,
            therapy_id=link.therapy_id,
        )
        .exclude(pk=link.pk)
        .first()
    )


@transaction.atomic
def link_correct(*, link: Any, condition: Condition, user: Any) -> Any:
    """Point a link at the right condition and confirm it; folds into an existing twin link."""
    twin = _twin(link, condition)
    if twin is not None:
        # The record is already linked to that condition: confirm that link, drop this one.
        _stamp(twin, status=ReviewStatus.CONFIRMED, user=user)
        twin.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
        link.delete()
        return twin
    link.condition = condition
    _stamp(link, status=ReviewStatus.CONFIRMED, user=user)
    link.save(update_fields=["condition", "review_status", "reviewed_by", "reviewed_at"])
    return link
