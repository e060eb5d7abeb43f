"""Therapies and what they are known to do for which condition."""

from __future__ import annotations

from rest_framework import serializers

from knowledge.models import Therapy, TherapyLink


class TherapyLinkSerializer(serializers.ModelSerializer):
    condition_slug = serializers.CharField(
        source="condition.slug", read_only=True, default=None, help_text="Condition slug."
    )
    genes = serializers.SerializerMethodField(help_text="HGNC symbols the link is about.")

    class Meta:
        model = TherapyLink
        fields = ["condition_name", "condition_slug", "genes", "status", "phase",
                  "approval_year_fda", "approval_year_ema", "evidence_level", "variant_scope",
                  "variant_rule", "pmids", "nct_ids", "urls", "verification", "source",
                  "source_url", "retrieved_on"]  # fmt: skip

    def get_genes(self, obj: TherapyLink) -> list[str]:
        return [gene.symbol for gene in obj.genes.all()]


class TherapySerializer(serializers.ModelSerializer):
    class Meta:
        model = Therapy
        fields = ["id", "name", "slug", "synonyms", "modality", "mechanism", "source",
                  "source_url", "retrieved_on"]  # fmt: skip


class TherapyDetailSerializer(TherapySerializer):
    links = TherapyLinkSerializer(many=True, read_only=True)

    class Meta(TherapySerializer.Meta):
        fields = [*TherapySerializer.Meta.fields, "notes", "links"]
