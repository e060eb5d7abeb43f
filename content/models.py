"""Educational articles for families."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class ArticleQuerySet(models.QuerySet):
    def public(self) -> ArticleQuerySet:
        """Published articles, and scheduled ones whose time has come."""
        return self.filter(
            Q(status=ArticleStatus.PUBLISHED) | Q(status=ArticleStatus.SCHEDULED),
            published_at__lte=timezone.now(),
        )


class Article(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(max_length=500)
    body = models.TextField(help_text="Markdown. Rendered to sanitized HTML.")
    author = models.CharField(max_length=120, default="RareLabs editorial team")
    status = models.CharField(
        max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    related_conditions = models.ManyToManyField(
        "knowledge.Condition", related_name="articles", blank=True
    )
    related_therapies = models.ManyToManyField(
        "knowledge.Therapy", related_name="articles", blank=True
    )
    faq = models.JSONField(default=list, blank=True, help_text="[{question, answer}]")
    key_takeaways = models.JSONField(default=list, blank=True, help_text="[{point, detail}]")
    tips = models.JSONField(default=list, blank=True, help_text="[text]")
    references = models.JSONField(default=list, blank=True, help_text="[{label, url|pmid|nct}]")
    hero_image = models.CharField(max_length=200, blank=True, help_text="Path under static/.")
    hero_alt = models.CharField(max_length=300, blank=True)
    reading_time_minutes = models.PositiveSmallIntegerField(default=1)
    reading_grade = models.FloatField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-published_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_alt=""), name="article_hero_needs_alt"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:article-detail", kwargs={"slug": self.slug})
