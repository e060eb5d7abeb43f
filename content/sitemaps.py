"""sitemap.xml: public articles, conditions and therapies."""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from content.models import Article
from knowledge.models import Condition, Therapy


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self) -> QuerySet[Article]:
        return Article.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at


class ConditionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10000

    def items(self) -> QuerySet[Condition]:
        return Condition.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: Condition) -> datetime.datetime:
        return item.updated_at


class TherapySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Therapy]:
        return Therapy.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: Therapy) -> datetime.datetime:
        return item.updated_at


SITEMAPS = {"articles": ArticleSitemap, "conditions": ConditionSitemap, "therapies": TherapySitemap}
