"""Clinical trials (ClinicalTrials.gov)."""

from __future__ import annotations

from rest_framework import serializers

from identifiers.urls import ctgov_study_url
from trials.models import ClinicalTrial


class TrialSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The study page on ClinicalTrials.gov.")

    class Meta:
        model = ClinicalTrial
        fields = ["id", "nct_id", "title", "status", "phases", "study_type", "conditions",
                  "countries", "sponsor", "enrollment", "has_results", "start_date",
                  "primary_completion_date", "last_update_date", "url", "retrieved_at"]  # fmt: skip

    def get_url(self, obj: ClinicalTrial) -> str:
        return ctgov_study_url(obj.nct_id)


class TrialDetailSerializer(TrialSerializer):
    class Meta(TrialSerializer.Meta):
        fields = [*TrialSerializer.Meta.fields, "official_title", "summary", "keywords",
                  "interventions", "eligibility", "locations", "completion_date"]  # fmt: skip
