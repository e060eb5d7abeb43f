"""Reads of articles for the public pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from content.models import Article
from knowledge.models import Condition, Therapy


def article_list_public(*, tag: str = "") -> QuerySet[Article]:
    """Public articles, newest first, optionally those with one tag (case-insensitive)."""
    articles = Article.objects.public().defer("body")
    if tag:
        # Match any spelling of the tag, so ?tag=sma and ?tag=SMA give the same page.
        spellings = [t for t in article_tags() if t.lower() == tag.lower()] or [tag]
        articles = articles.filter(tags__overlap=spellings)
    return articles.order_by("-published_at", "title")


def article_tags() -> list[str]:
    """Every tag used by a public article, sorted case-insensitively, first spelling kept."""
    seen: dict[str, str] = {}
    for tags in Article.objects.public().values_list("tags", flat=True):
        for tag in tags:
            seen.setdefault(tag.lower(), tag)
    return sorted(seen.values(), key=str.lower)


def article_get_for_page(*, slug: str, preview: bool = False) -> Article | None:
    """A public article (any article when `preview` is allowed) with its related rows."""
    articles = Article.objects.all() if preview else Article.objects.public()
    return (
        articles.filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "related_conditions", queryset=Condition.objects.only("name", "slug", "primary_id")
            ),
            Prefetch(
                "related_therapies", queryset=Therapy.objects.only("name", "slug", "mechanism")
            ),
        )
        .first()
    )


def article_list_related(*, article: Article, limit: int = 3) -> list[Article]:
    """Other public articles sharing a tag or a condition with this one, newest first."""
    condition_ids = [c.pk for c in article.related_conditions.all()]
    candidates = Article.objects.public().exclude(pk=article.pk).defer("body")
    shared = candidates.filter(tags__overlap=article.tags or [""]) | candidates.filter(
        related_conditions__in=condition_ids
    )
    related = list(shared.distinct().order_by("-published_at", "title")[:limit])
    if len(related) < limit:
        extra = candidates.exclude(pk__in=[a.pk for a in related]).order_by("-published_at")
        related.extend(extra[: limit - len(related)])
    return related


def article_list_recent(*, limit: int = 3) -> list[Article]:
    """The newest public articles."""
    return list(Article.objects.public().defer("body").order_by("-published_at", "title")[:limit])
