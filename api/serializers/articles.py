"""Educational articles for families (only public ones are listed)."""

from __future__ import annotations

from rest_framework import serializers

from content.models import Article


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "slug", "summary", "author", "status", "published_at",
                  "updated_at", "tags", "reading_time_minutes", "reading_grade"]  # fmt: skip
        read_only_fields = ["updated_at"]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "faq", "key_takeaways", "tips",
                  "references", "hero_image", "hero_alt"]  # fmt: skip
