"""Search document for family articles (only public ones are indexed)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from content.models import Article
from search.documents import (
    AutocompleteField,
    Document,
    ExactField,
    FacetField,
    SearchField,
    register,
)


@register
class ArticleDocument(Document):
    model = Article
    doc_type = "article"
    label = "Articles"
    rank = 0.8
    fields = (
        ExactField("title", boost=40, phrase=True),
        SearchField("title", boost=8),
        SearchField("tags", boost=3),
        SearchField("summary", boost=3),
        SearchField("body", boost=1),
        AutocompleteField("title"),
        FacetField("tags", label="Topic"),
    )

    def get_queryset(self) -> QuerySet:
        # Drafts and not-yet-due scheduled articles never reach the index.
        return Article.objects.public()

    def curie(self, obj: Article) -> str:
        return obj.slug

    def title(self, obj: Article) -> str:
        return obj.title

    def summary(self, obj: Article) -> str:
        return obj.summary

    def extra(self, obj: Article) -> dict[str, Any]:
        return {"reading_time_minutes": obj.reading_time_minutes}
