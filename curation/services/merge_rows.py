"""What merging a condition and merging a therapy share: the history's change reason and the
move of trial and paper links, where a link the survivor already has keeps the more considered
review decision."""

from __future__ import annotations

from typing import Any

from django.db import models

from knowledge.models import ReviewStatus

REVIEW_RANK = {ReviewStatus.AUTO: 0, ReviewStatus.REJECTED: 1, ReviewStatus.CONFIRMED: 2}
# simple_history keeps the change reason in a 100-character column.
CHANGE_REASON_LENGTH = 100
# The link fields besides the trial or paper and the merged record that make a link its own.
_LINK_FIELDS = ("condition_id", "gene_id", "therapy_id")


def change_reason(text: str) -> str:
    """A history change reason cut to fit its column (long names overflow it)."""
    return text if len(text) <= CHANGE_REASON_LENGTH else text[: CHANGE_REASON_LENGTH - 1] + "…"


def move_review_links(
    model: type[models.Model], record: str, owner: str, source: Any, target: Any
) -> tuple[int, int]:
    """Move `source`'s trial or paper links (`record`: "trial" or "publication") to `target`,
    both held in the link's `owner` field ("condition" or "therapy"). A link `target` already
    has takes the moved one's review when that one is more considered; it is not moved.
    Returns (moved, already there)."""
    others = tuple(f for f in _LINK_FIELDS if f != f"{owner}_id")

    def key(link: Any) -> tuple[Any, ...]:
        return (getattr(link, f"{record}_id"), *(getattr(link, f) for f in others))

    rows = list(model.objects.filter(**{owner: source}))
    twins = {
        key(t): t
        for t in model.objects.filter(
            **{owner: target, f"{record}_id__in": [getattr(r, f"{record}_id") for r in rows]}
        )
    }
    to_move = []
    for row in rows:
        twin = twins.get(key(row))
        if twin is None:
            to_move.append(row.pk)
        elif REVIEW_RANK[row.review_status] > REVIEW_RANK[twin.review_status]:
            twin.review_status, twin.reviewed_by_id, twin.reviewed_at = (
                row.review_status,
                row.reviewed_by_id,
                row.reviewed_at,
            )
            twin.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    model.objects.filter(pk__in=to_move).update(**{owner: target})
    return len(to_move), len(rows) - len(to_move)
