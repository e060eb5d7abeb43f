"""Phenotypes (HPO terms)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from knowledge.models import Phenotype


class PhenotypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phenotype
        fields = ["id", "hpo_id", "name", "definition", "is_obsolete", "information_content",
                  "source", "retrieved_on"]  # fmt: skip


class _SynonymSerializer(serializers.Serializer):
    text = serializers.CharField()
    is_layperson = serializers.BooleanField(help_text="An everyday name (HPO layperson).")


class PhenotypeDetailSerializer(PhenotypeSerializer):
    parents = serializers.SerializerMethodField(help_text="Broader HPO terms (is_a).")
    synonyms = serializers.SerializerMethodField(help_text="Other names; everyday ones flagged.")

    class Meta(PhenotypeSerializer.Meta):
        fields = [*PhenotypeSerializer.Meta.fields, "parents", "synonyms"]

    def get_parents(self, obj: Phenotype) -> list[dict[str, str]]:
        return [{"hpo_id": p.hpo_id, "name": p.name} for p in obj.parents.all()]

    @extend_schema_field(_SynonymSerializer(many=True))
    def get_synonyms(self, obj: Phenotype) -> list[dict[str, object]]:
        return [{"text": s.text, "is_layperson": s.is_layperson} for s in obj.synonyms.all()]
