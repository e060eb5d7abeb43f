"""Admin list and change pages with 100 rows run a fixed, small number of queries (no N+1)."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import IdentifierScheme, Therapy
from knowledge.models.common import LinkMethod
from literature.models import PublicationLink
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionIdentifierFactory,
    ConditionPhenotypeFactory,
    ConditionSynonymFactory,
    GeneFactory,
    TherapyFactory,
    TherapyLinkFactory,
    VariantFactory,
)
from tests.factories.records import ArticleFactory, ClinicalTrialFactory, PublicationFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db
ROWS = 100
# Session, user, permissions, counts, the rows and their prefetches: never a query per row.
LIST_MAX = 10
CHANGE_MAX = 12


def _get(client: Client, url: str, max_queries: int, assert_max: object) -> None:
    with assert_max(max_queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.fixture
def full_therapy() -> Therapy:
    """A therapy with 100 links, each with a condition, two genes and a variant."""
    therapy = TherapyFactory()
    genes = [GeneFactory(), GeneFactory()]
    for _ in range(ROWS):
        link = TherapyLinkFactory(therapy=therapy, pmids=["29091570"], nct_ids=["NCT02193074"])
        link.genes.set(genes)
        link.variants.add(VariantFactory(gene=genes[0]))
    return therapy


def test_condition_pages(editor_client: Client, django_assert_max_num_queries: object) -> None:
    conditions = [ConditionFactory() for _ in range(ROWS)]
    for c in conditions:
        ConditionIdentifierFactory(condition=c, scheme=IdentifierScheme.OMIM)
    one = conditions[0]
    for _ in range(ROWS):
        ConditionSynonymFactory(condition=one)
        ConditionIdentifierFactory(condition=one)
        ConditionPhenotypeFactory(condition=one)
        ConditionGeneFactory(condition=one)
    url = "/admin/knowledge/condition/"
    _get(editor_client, f"{url}?all=", LIST_MAX, django_assert_max_num_queries)
    _get(editor_client, f"{url}?q=Synonym", LIST_MAX, django_assert_max_num_queries)
    _get(editor_client, f"{url}{one.pk}/change/", CHANGE_MAX, django_assert_max_num_queries)


def test_therapy_pages(
    editor_client: Client, full_therapy: Therapy, django_assert_max_num_queries: object
) -> None:
    for _ in range(ROWS):
        TherapyFactory()
    _get(editor_client, "/admin/knowledge/therapy/", LIST_MAX, django_assert_max_num_queries)
    _get(
        editor_client,
        f"/admin/knowledge/therapy/{full_therapy.pk}/change/",
        CHANGE_MAX,
        django_assert_max_num_queries,
    )


def test_therapy_link_pages(
    editor_client: Client, full_therapy: Therapy, django_assert_max_num_queries: object
) -> None:
    link = full_therapy.links.first()
    _get(editor_client, "/admin/knowledge/therapylink/", LIST_MAX, django_assert_max_num_queries)
    _get(
        editor_client,
        f"/admin/knowledge/therapylink/{link.pk}/change/",
        CHANGE_MAX + 2,  # the regulatory events inline, and the status derived from them
        django_assert_max_num_queries,
    )


def test_trial_pages(editor_client: Client, django_assert_max_num_queries: object) -> None:
    trial = ClinicalTrialFactory()
    for _ in range(ROWS):
        TrialLink.objects.create(
            trial=trial,
            condition=ConditionFactory(),
            gene=GeneFactory(),
            method=LinkMethod.NAME_MATCH,
        )
        ClinicalTrialFactory()
    _get(editor_client, "/admin/trials/clinicaltrial/", LIST_MAX, django_assert_max_num_queries)
    _get(
        editor_client,
        f"/admin/trials/clinicaltrial/{trial.pk}/change/",
        CHANGE_MAX,
        django_assert_max_num_queries,
    )
    _get(
        editor_client,
        "/admin/trials/triallink/?queue=waiting",
        LIST_MAX,
        django_assert_max_num_queries,
    )


def test_publication_pages(editor_client: Client, django_assert_max_num_queries: object) -> None:
    publication = PublicationFactory()
    for _ in range(ROWS):
        PublicationLink.objects.create(
            publication=publication, condition=ConditionFactory(), method=LinkMethod.NAME_MATCH
        )
        PublicationFactory()
    _get(editor_client, "/admin/literature/publication/", LIST_MAX, django_assert_max_num_queries)
    _get(
        editor_client,
        f"/admin/literature/publication/{publication.pk}/change/",
        CHANGE_MAX,
        django_assert_max_num_queries,
    )
    _get(
        editor_client, "/admin/literature/publicationlink/", LIST_MAX, django_assert_max_num_queries
    )


def test_article_pages(editor_client: Client, django_assert_max_num_queries: object) -> None:
    conditions = [ConditionFactory() for _ in range(ROWS)]
    articles = [ArticleFactory() for _ in range(ROWS)]
    articles[0].related_conditions.set(conditions)
    _get(editor_client, "/admin/content/article/", LIST_MAX, django_assert_max_num_queries)
    _get(
        editor_client,
        f"/admin/content/article/{articles[0].pk}/change/",
        CHANGE_MAX,
        django_assert_max_num_queries,
    )
