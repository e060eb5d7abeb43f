"""Reads of publications for their pages."""

from __future__ import annotations

from django.db.models import Prefetch

from knowledge.models import ReviewStatus
from literature.models import Publication, PublicationLink


def publication_get_page(*, pmid: str) -> Publication | None:
    """A publication with its links to conditions, genes and therapies."""
    return (
        Publication.objects.filter(pmid=pmid)
        .prefetch_related(
            Prefetch(
                "links",
                queryset=PublicationLink.objects.exclude(
                    review_status=ReviewStatus.REJECTED
                ).select_related("condition", "gene", "therapy"),
            )
        )
        .first()
    )
