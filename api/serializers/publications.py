"""Publications (PubMed)."""

from __future__ import annotations

from rest_framework import serializers

from literature.models import Publication


class PublicationSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="pubmed_url", read_only=True, help_text="PubMed page.")

    class Meta:
        model = Publication
        fields = ["id", "pmid", "title", "journal", "journal_abbreviation", "volume", "issue",
                  "pages", "published_on", "authors", "doi", "pmcid", "publication_types",
                  "url", "retrieved_at"]  # fmt: skip


class PublicationDetailSerializer(PublicationSerializer):
    class Meta(PublicationSerializer.Meta):
        fields = [*PublicationSerializer.Meta.fields, "abstract", "abstract_sections",
                  "mesh_terms", "keywords"]  # fmt: skip
