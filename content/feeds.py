"""RSS and Atom feeds of public articles."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from content.models import Article
from content.selectors import article_list_public

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    title = "RareLabs articles for families"
    link = reverse_lazy("content:article-list")
    description = (
        "Plain-language guides about rare diseases and their treatments. Not medical advice."
    )

    def items(self) -> QuerySet[Article]:
        return article_list_public()[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_author_name(self, item: Article) -> str:
        return item.author

    def item_pubdate(self, item: Article) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return item.tags


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
