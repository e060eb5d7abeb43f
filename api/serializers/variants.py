"""Variants (ClinVar)."""

from __future__ import annotations

from rest_framework import serializers

from knowledge.models import Variant


class VariantSerializer(serializers.ModelSerializer):
    gene_symbol = serializers.CharField(
        source="gene.symbol", read_only=True, default=None, help_text="HGNC symbol of the gene."
    )

    class Meta:
        model = Variant
        fields = ["id", "name", "gene", "gene_symbol", "clinvar_id", "transcript", "hgvs_c",
                  "hgvs_p", "hgvs_g", "rsid", "spdi", "variant_type", "clinical_significance",
                  "review_status", "molecular_consequence", "source", "source_url",
                  "retrieved_on"]  # fmt: skip
