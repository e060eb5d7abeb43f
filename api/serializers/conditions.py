"""Conditions, with their identifiers, synonyms, genes, phenotypes and therapies."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.serializers.therapies import RegulatoryFieldsMixin
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionPhenotype,
    ConditionSubtype,
    TherapyLink,
)
from knowledge.prevalence import best_known_statement
from knowledge.summaries import condition_family_summary


class ConditionGeneSerializer(serializers.ModelSerializer):
    symbol = serializers.CharField(source="gene.symbol", help_text="HGNC gene symbol.")

    class Meta:
        model = ConditionGene
        fields = ["symbol", "association", "source", "source_id", "retrieved_on"]


class ConditionPhenotypeSerializer(serializers.ModelSerializer):
    hpo_id = serializers.CharField(source="phenotype.hpo_id", help_text="HPO term id.")
    name = serializers.CharField(source="phenotype.name", help_text="HPO term name.")

    class Meta:
        model = ConditionPhenotype
        fields = ["hpo_id", "name", "frequency", "frequency_label", "source", "retrieved_on"]


class ConditionTherapySerializer(RegulatoryFieldsMixin, serializers.ModelSerializer):
    therapy = serializers.CharField(source="therapy.name", help_text="Generic (INN) name.")
    therapy_slug = serializers.CharField(source="therapy.slug")

    class Meta:
        model = TherapyLink
        fields = ["therapy", "therapy_slug", "status", "current_status", "approved_now",
                  "approved_regions", "boxed_warning", "caveats", "regulatory_events",
                  "orphan_approvals", "population", "not_confirmed", "mechanism", "note", "evidence_level", "variant_scope", "pmids",
                  "nct_ids", "source", "retrieved_on", "editor_values"]  # fmt: skip


class ConditionSubtypeSerializer(serializers.ModelSerializer):
    """A type of this condition, from Orphanet's classification."""

    primary_id = serializers.CharField(source="child.primary_id", help_text="e.g. ORPHA:83330.")
    name = serializers.CharField(source="child.name")

    class Meta:
        model = ConditionSubtype
        fields = ["primary_id", "name", "source", "source_id", "retrieved_on"]


class ConditionGroupSerializer(serializers.ModelSerializer):
    """A group this condition belongs to, from Orphanet's classification."""

    primary_id = serializers.CharField(source="parent.primary_id", help_text="e.g. ORPHA:70.")
    name = serializers.CharField(source="parent.name")

    class Meta:
        model = ConditionSubtype
        fields = ["primary_id", "name", "source", "source_id", "retrieved_on"]


class ConditionSerializer(serializers.ModelSerializer):
    identifiers = serializers.SerializerMethodField(
        help_text="Cross-references as CURIEs, e.g. OMIM:310200."
    )

    class Meta:
        model = Condition
        fields = ["id", "name", "slug", "primary_id", "disorder_type", "is_group", "inheritance",
                  "onset", "prevalence", "identifiers", "retrieved_on", "updated_at"]  # fmt: skip
        read_only_fields = ["updated_at"]

    def get_identifiers(self, obj: Condition) -> list[str]:
        return [identifier.curie for identifier in obj.identifiers.all()]


class ConditionDetailSerializer(ConditionSerializer):
    prevalence_statements = serializers.JSONField(
        read_only=True,
        help_text="Every Orphanet prevalence statement, best known first: class, type, "
        "geographic, qualification, mean_value, source (Orphanet's reference), label. "
        "prevalence and prevalence_source give Orphanet's headline (point prevalence, "
        "worldwide first, even 'Unknown').",
    )
    prevalence_best_known = serializers.SerializerMethodField(
        help_text="The first statement with a real class (the one the summary says), or null."
    )
    synonyms = serializers.SerializerMethodField(help_text="Other names of the condition.")
    summary = serializers.SerializerMethodField(
        help_text="The family summary: text, each sentence with its source, who wrote it, and "
        "checked_by_editor_on (null unless an editor checked this exact text). Not medical advice."
    )
    genes = ConditionGeneSerializer(source="gene_links", many=True, read_only=True)
    phenotypes = ConditionPhenotypeSerializer(many=True, read_only=True)
    therapies = ConditionTherapySerializer(source="therapy_links", many=True, read_only=True)
    subtypes = ConditionSubtypeSerializer(source="subtype_links", many=True, read_only=True)
    groups = ConditionGroupSerializer(source="parent_links", many=True, read_only=True)

    class Meta(ConditionSerializer.Meta):
        fields = [*ConditionSerializer.Meta.fields, "definition", "definition_source",
                  "family_summary", "prevalence_source", "prevalence_statements",
                  "prevalence_best_known", "facts_source", "synonyms", "genes",
                  "phenotypes", "therapies", "subtypes", "groups", "summary"]  # fmt: skip

    def get_prevalence_best_known(self, obj: Condition) -> dict[str, Any] | None:
        return best_known_statement(obj)

    def get_synonyms(self, obj: Condition) -> list[str]:
        return [synonym.text for synonym in obj.synonyms.all()]

    def get_summary(self, obj: Condition) -> dict[str, Any]:
        summary = condition_family_summary(obj)  # reads only rows the viewset prefetched
        return {
            "text": summary.text,
            "written_by": "computer" if summary.generated else "editor",
            "checked_by_editor_on": summary.reviewed_on,
            "sentences": [
                {"text": s.text, "source": s.source, "retrieved_on": s.retrieved_on}
                for s in summary.sentences
            ],
        }
