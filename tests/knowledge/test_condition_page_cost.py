"""The condition page's narrower queries (issue 14 item 10) still show every fact, and an edit
still shows on the next anonymous request of a page that was cached before it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from content.models import ArticleStatus
from knowledge.models import ConditionSubtype, PhenotypeSynonym, SubtypeRelation
from literature.models import PublicationLink
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionPhenotypeFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
)
from tests.factories.records import ArticleFactory, ClinicalTrialFactory, PublicationFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    # Rolled-back test data sends no signals: start every test on a new cache generation.
    page_cache_invalidate()


@pytest.fixture
def family():
    """A condition with two types, an OMIM type, a group above it, signs, a trial and a paper."""
    condition = ConditionFactory(name="Testing ataxia", slug="testing-ataxia")
    group = ConditionFactory(name="Rare testing disorders", slug="rare-testing-disorders")
    for name in ("Testing ataxia type 2", "Testing ataxia type 1"):
        ConditionSubtype.objects.create(
            parent=condition, child=ConditionFactory(name=name), source="Orphanet",
            retrieved_on="2026-11-25",
        )  # fmt: skip
    ConditionSubtype.objects.create(
        parent=condition, child=ConditionFactory(name="Testing ataxia 7", primary_id="OMIM:999007"),
        relation=SubtypeRelation.OMIM_NARROWER, source="Orphanet", retrieved_on="2026-11-25",
    )  # fmt: skip
    ConditionSubtype.objects.create(
        parent=group, child=condition, source="Orphanet", retrieved_on="2026-11-25"
    )
    wobbly = PhenotypeFactory(hpo_id="HP:9900251", name="Ataxia")
    PhenotypeSynonym.objects.create(phenotype=wobbly, text="Unsteady walking", is_layperson=True)
    PhenotypeSynonym.objects.create(phenotype=wobbly, text="Incoordination", is_layperson=False)
    ConditionPhenotypeFactory(condition=condition, phenotype=wobbly, frequency=0.9)
    ConditionPhenotypeFactory(condition=condition, frequency=0.5, phenotype__name="Dysarthria")
    trial = ClinicalTrialFactory(title="A study of walking in testing ataxia")
    TrialLink.objects.create(trial=trial, condition=condition, method="identifier")
    paper = PublicationFactory(title="Gait in testing ataxia", journal="Test Neurology")
    PublicationLink.objects.create(publication=paper, condition=condition, method="reference")
    return condition


def test_types_groups_signs_trials_and_papers_all_show(client: Client, family) -> None:
    html = client.get(family.get_absolute_url()).content.decode()
    # Types by name (one query now reads types and groups), the OMIM type apart, the group.
    assert html.index("Testing ataxia type 1") < html.index("Testing ataxia type 2")
    assert "/conditions/testing-ataxia-type-1/" in html
    assert "Testing ataxia 7</a> (OMIM:999007)" in html
    assert '<a href="/conditions/rare-testing-disorders/">Rare testing disorders</a>' in html
    # The everyday name of a sign (now a subquery), the medical term under it; none for others.
    assert "Unsteady walking" in html
    assert "Incoordination" not in html
    assert "Dysarthria" in html
    # Trial and paper cards with their sources (now read with only the columns shown).
    assert "A study of walking in testing ataxia" in html
    assert "Gait in testing ataxia" in html
    assert "Test Neurology" in html
    assert "ClinicalTrials.gov" in html
    assert "PubMed" in html


def test_query_count_stays_fixed_with_many_rows(
    client: Client, family, django_assert_max_num_queries
) -> None:
    """17 before issue 14 item 10 on this data: the types and groups are one query now, the
    everyday names of signs a subquery."""
    for n in range(12):
        ConditionPhenotypeFactory(condition=family, frequency=0.3)
        ConditionGeneFactory(condition=family)
        TherapyLinkFactory(condition=family)
        ConditionSubtype.objects.create(
            parent=family, child=ConditionFactory(name=f"Testing ataxia type {n + 3}"),
            source="Orphanet", retrieved_on="2026-11-25",
        )  # fmt: skip
    page_cache_invalidate()
    with django_assert_max_num_queries(15):
        response = client.get(family.get_absolute_url())
    assert response.status_code == 200
    assert "Testing ataxia type 14" in response.content.decode()


def test_an_edit_of_a_type_shows_on_the_next_anonymous_request(client: Client, family) -> None:
    first = client.get(family.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert client.get(family.get_absolute_url())["X-Page-Cache"] == "hit"
    link = ConditionSubtype.objects.get(parent=family, child__name="Testing ataxia type 1")
    link.child.name = "Testing ataxia type 1A"
    link.child.save()
    synonym = PhenotypeSynonym.objects.get(text="Unsteady walking")
    synonym.text = "Wobbly walking"
    synonym.save()
    after = client.get(family.get_absolute_url())
    assert after["X-Page-Cache"] == "miss"
    html = after.content.decode()
    assert "Testing ataxia type 1A" in html
    assert "Wobbly walking" in html
    assert "Unsteady walking" not in html


def test_a_condition_without_trials_papers_or_articles_skips_those_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    """Most conditions have none of the three: each empty list cost a query (12 before)."""
    bare = ConditionFactory(name="Testing bare condition")
    ConditionPhenotypeFactory(condition=bare, frequency=0.9, phenotype__name="Ptosis")
    with django_assert_max_num_queries(8):
        html = client.get(bare.get_absolute_url()).content.decode()
    assert "Ptosis" in html
    assert "We have not listed studies for this condition yet." in html
    assert "We know of no study of a medicine for this condition yet." in html


def test_a_condition_with_only_signs_fetches_only_its_signs(
    client: Client, django_assert_num_queries
) -> None:
    """Issue 14 item 10, third pass: an index probe per list in the first query; a list the
    condition does not have (synonyms, genes, therapies, types and groups) is not fetched
    (7 queries before)."""
    bare = ConditionFactory(name="Testing signs-only condition")
    ConditionPhenotypeFactory(
        condition=bare, frequency=0.9, phenotype__name="Ptosis", phenotype__hpo_id="HP:0000508"
    )
    with django_assert_num_queries(3):  # the condition with its probes, identifiers, signs
        html = client.get(bare.get_absolute_url()).content.decode()
    # The sign's link is what {% url %} gave, built without resolving the URL per sign.
    assert '<a href="/phenotypes/HP:0000508/">Ptosis</a>' in html
    assert "Also called" not in html
    assert '"alternateName": []' in html or "alternateName" not in html
    assert "We know of no study of a medicine for this condition yet." in html


def test_only_public_articles_show(client: Client, family) -> None:
    published = ArticleFactory(title="Living with testing ataxia")
    published.related_conditions.add(family)
    later = ArticleFactory(
        title="Testing ataxia next year", status=ArticleStatus.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip
    later.related_conditions.add(family)
    draft = ArticleFactory(title="Testing ataxia draft", status=ArticleStatus.DRAFT)
    draft.related_conditions.add(family)
    html = client.get(family.get_absolute_url()).content.decode()
    assert "Living with testing ataxia" in html
    assert "Testing ataxia next year" not in html
    assert "Testing ataxia draft" not in html


def test_a_scheduled_article_shows_once_its_time_has_come(client: Client, family) -> None:
    """The list probes are built once per process; the article probe must not keep the time
    it was built at."""
    client.get(ConditionFactory(name="Testing other condition").get_absolute_url())
    due = ArticleFactory(
        title="Testing ataxia, due now", status=ArticleStatus.SCHEDULED,
        published_at=timezone.now(),
    )  # fmt: skip
    due.related_conditions.add(family)
    assert "Testing ataxia, due now" in client.get(family.get_absolute_url()).content.decode()
