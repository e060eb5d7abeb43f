"""Reads of clinical trials for their pages and the home page."""

from __future__ import annotations

from django.db.models import Prefetch

from knowledge.models import ReviewStatus
from trials.models import OPEN_STATUSES, ClinicalTrial, TrialLink


def trial_get_page(*, nct_id: str) -> ClinicalTrial | None:
    """A trial with its reviewed and automatic links to conditions, genes and therapies."""
    return (
        ClinicalTrial.objects.filter(nct_id=nct_id.upper())
        .prefetch_related(
            Prefetch(
                "links",
                queryset=TrialLink.objects.exclude(
                    review_status=ReviewStatus.REJECTED
                ).select_related("condition", "gene", "therapy"),
            )
        )
        .first()
    )


def trial_list_recruiting(*, limit: int = 5) -> list[ClinicalTrial]:
    """The most recently updated recruiting trials linked to a condition."""
    return list(
        ClinicalTrial.objects.filter(status__in=OPEN_STATUSES, links__condition__isnull=False)
        .exclude(links__review_status=ReviewStatus.REJECTED)
        .distinct()
        .only("nct_id", "title", "status", "phases", "countries", "last_update_date")
        .order_by("-last_update_date", "nct_id")[:limit]
    )
