"""Editors approve or rewrite the computer-written family summaries."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from knowledge.models import SummaryReview, SummaryReviewStatus
from knowledge.selectors import condition_list_for_summary
from knowledge.summaries import condition_generated_summary

SUMMARY_MAX_CHARS = 5_000


class SummaryReviewError(ValueError):
    """A summary decision that cannot be applied."""


def summary_approve(*, review: SummaryReview, user: Any) -> SummaryReview:
    """Approve the computer-written text as it reads today, recording who and when.

    Not one transaction: when the text changed, the new text is stored (the queue shows it)
    and the approval refused.
    """
    condition = condition_list_for_summary().get(pk=review.condition_id)
    text = condition_generated_summary(condition).text
    if not text:
        raise SummaryReviewError("there is no computer-written summary to approve")
    if text != review.generated_text:
        # The data changed since the queue was filled: the editor must see the new text first.
        review.generated_text, review.generated_at = text, timezone.now()
        review.status = SummaryReviewStatus.WAITING
        review.save()
        raise SummaryReviewError("the summary changed since it was shown; read the new text")
    review.status = SummaryReviewStatus.APPROVED
    review.approved_text = text
    review.reviewed_by, review.reviewed_at = user, timezone.now()
    review._history_user = user
    review.save()
    return review


@transaction.atomic
def summary_edit(*, review: SummaryReview, text: str, user: Any) -> SummaryReview:
    """Replace the computer-written summary with an editor's text (the generator never touches it)."""
    text = text.strip()
    if not text:
        raise SummaryReviewError("an edited summary cannot be empty")
    if len(text) > SUMMARY_MAX_CHARS:
        raise SummaryReviewError(f"an edited summary is at most {SUMMARY_MAX_CHARS:,} characters")
    now = timezone.now()
    condition = review.condition
    condition.family_summary, condition.family_summary_updated_at = text, now
    condition._history_user = user
    condition.save(update_fields=["family_summary", "family_summary_updated_at", "updated_at"])
    review.status = SummaryReviewStatus.EDITED
    review.approved_text = text
    review.reviewed_by, review.reviewed_at = user, now
    review._history_user = user
    review.save()
    return review
