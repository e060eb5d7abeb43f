"""Search document for clinical trials."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from search.documents import (
    AutocompleteField,
    Document,
    ExactField,
    FacetField,
    SearchField,
    register,
)
from trials.models import ClinicalTrial, TrialStatus


@register
class TrialDocument(Document):
    model = ClinicalTrial
    doc_type = "trial"
    label = "Clinical trials"
    rank = 0.6
    fields = (
        ExactField("nct_id", boost=100),
        SearchField("title", boost=5),
        SearchField("conditions", boost=4),
        SearchField("interventions", boost=4),
        SearchField("official_title", boost=3),
        SearchField("keywords", boost=2),
        SearchField("summary", boost=1),
        AutocompleteField("nct_id"),
        FacetField("status", label="Trial status", choices=tuple(TrialStatus.choices)),
        FacetField("phase", label="Phase"),
        FacetField("country", label="Country"),
    )

    def get_queryset(self) -> QuerySet:
        return ClinicalTrial.objects.defer("locations", "contacts", "eligibility", "design")

    def curie(self, obj: ClinicalTrial) -> str:
        return obj.nct_id

    def title(self, obj: ClinicalTrial) -> str:
        return obj.title

    def summary(self, obj: ClinicalTrial) -> str:
        return obj.summary

    def extra(self, obj: ClinicalTrial) -> dict[str, Any]:
        return {
            "status": TrialStatus(obj.status).label
            if obj.status in TrialStatus.values
            else obj.status,
            "phases": list(obj.phases),
            "is_open": obj.is_open,
        }

    def prepare_interventions(self, obj: ClinicalTrial) -> list[str]:
        names: list[str] = []
        for item in obj.interventions or []:
            if isinstance(item, dict):
                names.append(str(item.get("name", "")))
                names.extend(
                    str(o) for o in item.get("otherNames", item.get("other_names", [])) or []
                )
            else:
                names.append(str(item))
        return names

    def prepare_phase(self, obj: ClinicalTrial) -> list[str]:
        return list(obj.phases)

    def prepare_country(self, obj: ClinicalTrial) -> list[str]:
        return list(obj.countries)
