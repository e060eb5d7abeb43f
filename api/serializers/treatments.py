"""Treatment search: the query parameters in, the ranked and explained therapies out."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.serializers.therapies import EditorValueSerializer
from knowledge.models import ApprovalStatus, EvidenceLevel, Modality
from treatments.forms import PHASES
from treatments.phenotypes import MAX_AGE_MONTHS, SEXES
from treatments.query import (
    MAX_AGE_YEARS,
    MAX_RESULTS,
    TreatmentFilters,
    TreatmentQuery,
    age_in_months,
)
from trials.models import TrialStatus


class TreatmentQuerySerializer(serializers.Serializer):
    condition = serializers.CharField(
        required=False, allow_blank=True, max_length=300,
        help_text="Condition name or id: ORPHA:98896, OMIM:310200, MONDO:…, or a name.",
    )  # fmt: skip
    gene = serializers.CharField(
        required=False, allow_blank=True, max_length=100,
        help_text="Gene symbol, previous symbol or alias (case-insensitive), e.g. SMN1. "
        "'CFTR F508del' is read as a gene plus a variant.",
    )  # fmt: skip
    variant = serializers.CharField(
        required=False, allow_blank=True, max_length=300,
        help_text="HGVS (c.1521_1523del, p.Phe508del), a protein change (F508del), an rsID, or "
        "an exon-level description ('DMD deletion of exons 48-50'). Unreadable: 400.",
    )  # fmt: skip
    phenotypes = serializers.CharField(
        required=False, allow_blank=True, max_length=2000,
        help_text="Comma-separated HPO ids or everyday words. Without a condition, gene or "
        "variant, the best-matching conditions widen the search.",
    )  # fmt: skip
    excluded_phenotypes = serializers.CharField(
        required=False, allow_blank=True, max_length=2000,
        help_text="Comma-separated HPO ids or words the patient does NOT have; conditions that "
        "usually show them rank lower. Used with phenotypes.",
    )  # fmt: skip
    age_months = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_AGE_MONTHS,
        help_text=f"Age when the first signs appeared, in months (0-{MAX_AGE_MONTHS}); "
        "conditions whose usual onset is far from it rank lower.",
    )  # fmt: skip
    sex = serializers.ChoiceField(
        choices=SEXES, required=False, allow_blank=True,
        help_text="female or male; Y-linked and X-linked recessive conditions rank lower for a girl.",
    )  # fmt: skip
    modality = serializers.ListField(
        child=serializers.ChoiceField(choices=Modality.choices), required=False,
        help_text="Only these modalities (repeat the parameter).",
    )  # fmt: skip
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=ApprovalStatus.choices), required=False,
        help_text="Only these approval statuses.",
    )  # fmt: skip
    evidence_level = serializers.ListField(
        child=serializers.ChoiceField(choices=EvidenceLevel.choices), required=False,
        help_text="Only these evidence levels.",
    )  # fmt: skip
    trial_status = serializers.ListField(
        child=serializers.ChoiceField(choices=TrialStatus.choices), required=False,
        help_text="Only therapies with a trial in one of these statuses.",
    )  # fmt: skip
    trial_phase = serializers.ListField(
        child=serializers.ChoiceField(choices=PHASES), required=False,
        help_text="Only therapies with a trial in one of these phases.",
    )  # fmt: skip
    country = serializers.CharField(
        required=False, allow_blank=True, max_length=80,
        help_text="Only therapies with a trial site in this country.",
    )  # fmt: skip
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_RESULTS, default=50,
        help_text=f"At most this many therapies (1-{MAX_RESULTS}).",
    )  # fmt: skip
    copies = serializers.ChoiceField(
        choices=[1, 2], required=False, allow_null=True,
        help_text="Copies of the entered variant: 1 (heterozygous) or 2 (homozygous).",
    )  # fmt: skip
    age_years = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_AGE_YEARS, allow_null=True,
        help_text="Age now in whole years, for therapies with an age limit.",
    )  # fmt: skip
    ambulatory = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="Whether the person can walk, for therapies limited to ambulatory patients.",
    )  # fmt: skip

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not any((attrs.get(k) or "").strip() for k in ("condition", "gene", "variant",
                                                           "phenotypes")):  # fmt: skip
            raise serializers.ValidationError(
                "Give at least one of condition, gene, variant or phenotypes."
            )
        return attrs

    def to_query(self) -> TreatmentQuery:
        data = self.validated_data
        return TreatmentQuery(
            condition=data.get("condition", ""), gene=data.get("gene", ""),
            variant=data.get("variant", ""), phenotypes=data.get("phenotypes", ""),
            filters=TreatmentFilters(
                modality=tuple(data.get("modality", ())), status=tuple(data.get("status", ())),
                evidence_level=tuple(data.get("evidence_level", ())),
                trial_status=tuple(data.get("trial_status", ())),
                trial_phase=tuple(data.get("trial_phase", ())), country=data.get("country", ""),
            ),
            limit=data.get("limit", 50), excluded_phenotypes=data.get("excluded_phenotypes", ""),
            age_months=data.get("age_months"), sex=data.get("sex", ""),
            copies=data.get("copies"),
            current_age_months=age_in_months(data.get("age_years"), None),
            ambulatory=data.get("ambulatory"),
        )  # fmt: skip


class ReferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["pmid", "nct", "url"])
    identifier = serializers.CharField(help_text="PMID, NCT number or URL.")
    url = serializers.CharField()
    title = serializers.CharField()
    journal = serializers.CharField()
    year = serializers.CharField()
    authors = serializers.ListField(child=serializers.CharField())


class TrialSummarySerializer(serializers.Serializer):
    nct_id = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    phases = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    is_open = serializers.BooleanField(help_text="Recruiting or about to.")
    url = serializers.CharField(help_text="The study page on ClinicalTrials.gov.")


class EligibilitySerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=["matches", "does_not_match", "cannot_tell"])
    label = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(
        child=serializers.CharField(), help_text="What the user could add to decide."
    )
    requirement = serializers.CharField(help_text="The therapy's own requirement, in words.")


class RegionStatusSerializer(serializers.Serializer):
    region = serializers.CharField()
    approved = serializers.BooleanField(help_text="An approval is in force today.")
    kind = serializers.CharField(help_text="The deciding event's kind.")
    since = serializers.DateField()
    since_text = serializers.CharField(help_text="As precise as the source.")
    boxed_warning = serializers.BooleanField()
    caveats = serializers.ListField(child=serializers.CharField())


class TreatmentResultSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    therapy_name = serializers.CharField()
    therapy_slug = serializers.CharField()
    synonyms = serializers.ListField(child=serializers.CharField(), help_text="Brand names.")
    modality = serializers.CharField()
    modality_label = serializers.CharField()
    status = serializers.CharField(help_text="Status today, derived from regulatory events.")
    status_label = serializers.CharField()
    evidence_level = serializers.CharField()
    evidence_label = serializers.CharField()
    mechanism = serializers.CharField(help_text="How it works, in one plain sentence.")
    mechanism_source = serializers.CharField(
        help_text="Set when an editor wrote the mechanism shown here (the link's own, else the "
        "therapy's), not the source: their source and date, e.g. 'RareLabs editors, "
        "2026-12-07'; empty when it is the source's."
    )
    editor_values = EditorValueSerializer(
        many=True,
        help_text="The link's other facts shown here that an editor set and the source does "
        "not say, each with who set it and when.",
    )
    condition_name = serializers.CharField()
    variant_scope = serializers.CharField(help_text="Who it applies to, in words.")
    tier = serializers.ChoiceField(
        choices=["variant", "gene", "condition", "phenotype", "hypothesis"],
        help_text="Why level: variant > gene > condition > phenotype-suggested > hypothesis.",
    )
    tier_label = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why it ranks here.")
    references = ReferenceSerializer(many=True)
    trials = TrialSummarySerializer(many=True, help_text="Recruiting first.")
    source = serializers.CharField()
    source_url = serializers.CharField()
    retrieved_on = serializers.DateField(allow_null=True)
    eligibility = EligibilitySerializer(help_text="Does the therapy's requirement fit the input?")
    approved_now = serializers.BooleanField(source="regulatory.approved_now")
    regions = RegionStatusSerializer(source="regulatory.regions", many=True)
    boxed_warning = serializers.BooleanField(source="regulatory.boxed_warning")
    population = serializers.CharField(help_text="The part of the condition it is for, if any.")
    not_confirmed = serializers.ListField(
        child=serializers.CharField(), help_text="Facts the source marks as not confirmed."
    )
    note = serializers.CharField(help_text="What the source notes, e.g. 'not a product'.")


class ConditionRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    primary_id = serializers.CharField()
    how = serializers.CharField(help_text="Why the condition is part of the search.")


class PhenotypeMatchSerializer(serializers.Serializer):
    query_hpo_id = serializers.CharField()
    query_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["exact", "more_specific", "ancestor"])
    via_hpo_id = serializers.CharField(help_text="The most informative common ancestor.")
    via_name = serializers.CharField()
    condition_term_hpo_id = serializers.CharField()
    condition_term_name = serializers.CharField()
    information_content = serializers.FloatField()
    frequency = serializers.FloatField(
        allow_null=True, help_text="Share of patients with the condition's term (null: not given)."
    )


class ExpectedSignSerializer(serializers.Serializer):
    hpo_id = serializers.CharField()
    name = serializers.CharField()
    frequency = serializers.FloatField(
        help_text="Share of patients with the condition who have it."
    )


class ExcludedSignSerializer(serializers.Serializer):
    query_hpo_id = serializers.CharField(help_text="The sign the patient does not have.")
    query_name = serializers.CharField()
    condition_term_hpo_id = serializers.CharField(
        help_text="The condition's term (same or narrower)."
    )
    condition_term_name = serializers.CharField()
    frequency = serializers.FloatField(allow_null=True)


class RankedConditionSerializer(serializers.Serializer):
    condition = ConditionRefSerializer()
    score = serializers.FloatField(
        help_text="Sum over signs of a log-likelihood-style score (higher fits better); only the "
        "order is meaningful."
    )
    matches = PhenotypeMatchSerializer(many=True)
    absent = ExpectedSignSerializer(
        many=True, help_text="Frequent signs of the condition that the query does not mention."
    )
    excluded = ExcludedSignSerializer(
        many=True, help_text="Excluded signs the condition has: they argue against it."
    )
    notes = serializers.ListField(
        child=serializers.CharField(), help_text="Onset, sex and gene adjustments, in words."
    )


class PhenotypeRefSerializer(serializers.Serializer):
    hpo_id = serializers.CharField()
    name = serializers.CharField()
    typed = serializers.CharField(help_text="What was typed.")


class StudiedTrialSerializer(serializers.Serializer):
    nct_id = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    phase_label = serializers.CharField()
    is_open = serializers.BooleanField()


class StudiedTherapySerializer(serializers.Serializer):
    """A medicine in the conditions' trials, not approved for them (ranked below results)."""

    name = serializers.CharField(help_text="As the trials name the intervention.")
    phase_label = serializers.CharField()
    status_label = serializers.CharField()
    is_open = serializers.BooleanField()
    trials = StudiedTrialSerializer(many=True)


class TreatmentResultsSerializer(serializers.Serializer):
    conditions = ConditionRefSerializer(many=True)
    gene_symbol = serializers.CharField()
    variant_normalized = serializers.CharField()
    phenotypes = PhenotypeRefSerializer(many=True)
    excluded_phenotypes = PhenotypeRefSerializer(many=True)
    notices = serializers.ListField(child=serializers.CharField())
    results = TreatmentResultSerializer(many=True)
    ranked_conditions = RankedConditionSerializer(many=True)
    condition_trials = TrialSummarySerializer(many=True)
    studied = StudiedTherapySerializer(
        many=True, help_text="Being studied in trials: not approved for these conditions."
    )
    disclaimer = serializers.CharField()
