"""A condition's name inside a family's question or guess ("is it Batten", "could it be pompe")
answers as the name typed alone does. Page and API, on every backend."""

from __future__ import annotations

import pytest
from django.test import Client

from search.analysis import analyze
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory
from tests.search.contract.data import client_over_contract_phenotypes, search_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.parametrize(
    ("question", "bare", "expected"),
    [
        # "pompe" stems to "pomp" (the genes POMP and POMPP1); "could" matches nothing, so
        # before, the question lost the name's key and the genes came first.
        ("could it be pompe", "pompe", "ORPHA:365"),
        ("treatment for Pompe", "Pompe", "ORPHA:365"),
        ("what is pompe?", "pompe", "ORPHA:365"),
    ],
)
def test_a_name_asked_about_answers_as_the_name_typed_alone(
    client: Client, question: str, bare: str, expected: str
) -> None:
    assert search_ids(client, bare)[0] == expected
    assert search_ids(client, question)[0] == expected
    html = client.get("/search", {"q": question}).content.decode()
    assert html.index("Glycogen storage disease due to acid maltase deficiency") < html.index(
        "proteasome maturation protein"
    )


def test_is_it_batten_finds_the_ncl_group_as_batten_does(client: Client) -> None:
    from kbimport.importers.curated_names import import_curated_names
    from knowledge.models import Condition
    from search.indexer import index_objects

    ncl = Condition.objects.get(primary_id="ORPHA:216")
    # Orphanet 2025-12: "batten" is two edits from "bartter", which a fuzzy match reaches.
    bartter = ConditionFactory(primary_id="ORPHA:570371", name="Bartter syndrome type 5")
    ConditionSynonymFactory(condition=bartter, text="Transient antenatal Bartter syndrome")
    import_curated_names()
    try:
        index_objects("condition", [ncl.pk, bartter.pk])
        for query in ("Batten", "is it Batten", "could it be batten"):
            assert search_ids(client, query)[0] == "ORPHA:216", query
        html = client.get("/search", {"q": "is it Batten"}).content.decode()
        assert "Neuronal ceroid lipofuscinosis" in html
    finally:
        ncl.synonyms.filter(text="Batten disease").delete()
        gone = bartter.pk
        bartter.delete()
        index_objects("condition", [ncl.pk, gone])


def test_a_name_that_starts_with_a_question_word_still_matches_whole(client: Client) -> None:
    # HPO labels and synonyms start with "Symptoms ...", "Signs ...", "Has ..."; the name
    # inside a question is matched besides the whole query, never instead of it.
    from search.indexer import index_objects
    from tests.search.contract.data import create_phenotype

    # HPO 2025-01-16: HP:0011463 "Childhood onset", layperson synonym "Symptoms begin in
    # childhood".
    label = "Symptoms begin in childhood"
    phenotype = create_phenotype(
        "HP:0011463",
        "Childhood onset",
        [(label, True)],
        "Onset of disease at the age of between 1 and 5 years.",
    )
    try:
        index_objects("phenotype", [phenotype.pk])
        assert label.lower() in analyze(label).exact_keys
        assert search_ids(client, label)[0] == "HP:0011463"
        assert search_ids(client, "what is childhood onset")[0] == "HP:0011463"
    finally:
        pk = phenotype.pk
        phenotype.delete()
        index_objects("phenotype", [pk])
