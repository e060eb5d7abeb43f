"""Factories for trials, publications, run logs and articles."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from content.models import Article, ArticleStatus
from literature.models import Publication
from trials.models import ClinicalTrial, TrialStatus


class ClinicalTrialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicalTrial
        django_get_or_create = ("nct_id",)

    nct_id = factory.Sequence(lambda n: f"NCT9{n:07d}")
    title = factory.Sequence(lambda n: f"A test study {n}")
    status = TrialStatus.RECRUITING
    phases = factory.LazyFunction(lambda: ["PHASE2"])
    countries = factory.LazyFunction(lambda: ["France"])
    last_update_date = datetime.date(2026, 1, 1)
    retrieved_at = factory.LazyFunction(timezone.now)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        django_get_or_create = ("pmid",)

    pmid = factory.Sequence(lambda n: str(90000000 + n))
    title = factory.Sequence(lambda n: f"A test paper {n}")
    journal = "Test Journal"
    published_on = datetime.date(2025, 6, 1)
    retrieved_at = factory.LazyFunction(timezone.now)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Test article {n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    summary = "A short test summary."
    body = "## Part one\n\nSome words.\n\n## Part two\n\nMore words."
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
