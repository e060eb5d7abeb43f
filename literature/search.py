"""Search document for publications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from literature.models import Publication
from search.documents import (
    AutocompleteField,
    Document,
    ExactField,
    FacetField,
    SearchField,
    register,
)


@register
class PublicationDocument(Document):
    model = Publication
    doc_type = "publication"
    label = "Publications"
    rank = 0.5
    fields = (
        ExactField("pmid_keys", boost=100),
        SearchField("title", boost=5),
        SearchField("mesh_terms", boost=3),
        SearchField("keywords", boost=2),
        SearchField("abstract", boost=1),
        AutocompleteField("pmid_keys"),
        FacetField("year", label="Year"),
        FacetField("publication_types", label="Publication type"),
    )

    def get_queryset(self) -> QuerySet:
        return Publication.objects.defer("abstract_sections", "authors")

    def curie(self, obj: Publication) -> str:
        return f"PMID:{obj.pmid}"

    def title(self, obj: Publication) -> str:
        return obj.title

    def summary(self, obj: Publication) -> str:
        return obj.abstract

    def extra(self, obj: Publication) -> dict[str, Any]:
        return {
            "journal": obj.journal,
            "published": obj.published_text or str(obj.published_on or ""),
            "doi": obj.doi.lower(),
        }

    def prepare_pmid_keys(self, obj: Publication) -> list[str]:
        # A DOI typed in the box ("10.1136/bmj.k3225", any printed form) is read as "doi:..."
        # in lower case (`search.analysis`): DOIs ignore case.
        keys = [f"PMID:{obj.pmid}", obj.pmid]
        return [*keys, f"doi:{obj.doi.lower()}"] if obj.doi else keys

    def prepare_year(self, obj: Publication) -> str:
        return str(obj.published_on.year) if obj.published_on else ""
