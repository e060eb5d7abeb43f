"""Genes (HGNC)."""

from __future__ import annotations

from rest_framework import serializers

from knowledge.models import Gene


class GeneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gene
        fields = ["id", "symbol", "hgnc_id", "name", "aliases", "previous_symbols",
                  "other_names", "ncbi_gene_id", "omim_id", "ensembl_id", "location", "locus_group", "source",
                  "source_id", "source_url", "retrieved_on"]  # fmt: skip


class GeneDetailSerializer(GeneSerializer):
    conditions = serializers.SerializerMethodField(help_text="Conditions linked to the gene.")

    class Meta(GeneSerializer.Meta):
        fields = [*GeneSerializer.Meta.fields, "conditions"]

    def get_conditions(self, obj: Gene) -> list[dict[str, str]]:
        return [
            {"name": link.condition.name, "slug": link.condition.slug,
             "primary_id": link.condition.primary_id}
            for link in obj.condition_links.all()
        ]  # fmt: skip
