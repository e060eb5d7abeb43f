"""Names typed the short way: an eponym alone, a misspelt eponym, a label with its id in
parentheses as a genetic report prints it. Page and API, on every backend."""

from __future__ import annotations

import random

import pytest
from django.test import Client

from search.query import run_autocomplete
from treatments.describe.lexicon import phrase_table_clear
from treatments.phenotypes import phenotype_index_clear

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    # The contract data replaces the phenotypes: forget tables built from other tests' rows.
    phrase_table_clear()
    phenotype_index_clear()
    return Client(REMOTE_ADDR=f"10.8.{random.randint(0, 255)}.{random.randint(1, 254)}")


def _ids(client: Client, q: str) -> list[str]:
    return [hit["id"] for hit in client.get("/api/v1/search/", {"q": q}).json()["results"]]


def test_an_eponym_typed_alone_answers_the_condition_before_look_alike_genes(
    client: Client,
) -> None:
    # "Pompe" stems to "pomp": the genes POMP and POMPP1 share the stem, Pompe disease is a
    # synonym of ORPHA:365.
    ids = _ids(client, "Pompe")
    assert ids[0] == "ORPHA:365"
    assert {"POMP", "POMPP1"} <= set(ids)  # still found, below the condition
    html = client.get("/search", {"q": "Pompe"}).content.decode()
    assert html.index("Glycogen storage disease due to acid maltase deficiency") < html.index(
        "proteasome maturation protein"
    )


def test_a_gene_symbol_typed_exactly_still_comes_first(client: Client) -> None:
    assert _ids(client, "POMP")[0] == "POMP"


def test_a_misspelt_eponym_finds_the_condition_named_so_not_a_short_look_alike(
    client: Client,
) -> None:
    # "Hoffman" for Hoffmann: no document has every word, so the search widens to any word;
    # "Wolman disease" shares only "disease" and looks like the query's title.
    assert _ids(client, "Werdnig Hoffman disease")[0] == "ORPHA:83330"
    html = client.get("/search", {"q": "Werdnig Hoffman disease"}).content.decode()
    assert "Proximal spinal muscular atrophy type 1" in html


def test_a_label_with_its_id_in_parentheses_is_the_sign_not_a_description(
    client: Client,
) -> None:
    body = client.get("/api/v1/search/", {"q": "Global developmental delay (HP:0001263)"}).json()
    assert body["described"] is None
    assert body["results"][0]["id"] == "HP:0001263"
    html = client.get("/search", {"q": "Global developmental delay (HP:0001263)"}).content.decode()
    assert "Conditions that can cause these signs" not in html
    assert "Global developmental delay" in html


def test_autocomplete_for_sma_offers_the_condition_before_gene_prefixes(client: Client) -> None:
    assert run_autocomplete("sma", limit=5)[0].id == "ORPHA:70"
    for url in ("/api/v1/search/autocomplete/", "/search/autocomplete"):
        body = client.get(url, {"q": "sma"}).json()
        assert body["results"][0]["id"] == "ORPHA:70", url


def test_an_abbreviation_inside_a_question_is_the_condition_it_asks_about(
    client: Client,
) -> None:
    from search.analysis import analyze

    assert "sma" in analyze("gene therapy for sma").part_keys  # three letters, but known
    assert _ids(client, "gene therapy for sma")[0] == "ORPHA:70"


def test_batten_disease_finds_the_ncl_group_through_its_sourced_name(client: Client) -> None:
    # NINDS calls the whole group of neuronal ceroid lipofuscinoses "Batten disease"; the
    # curated file carries the name with that page as its source (no Orphanet synonym says so).
    from kbimport.importers.curated_names import import_curated_names
    from knowledge.models import Condition
    from search.indexer import index_objects

    ncl = Condition.objects.get(primary_id="ORPHA:216")
    assert "ORPHA:216" not in _ids(client, "Batten disease")[:1]
    import_curated_names()
    try:
        index_objects("condition", [ncl.pk])
        for query in ("Batten disease", "Batten"):
            assert _ids(client, query)[0] == "ORPHA:216", query
        html = client.get("/search", {"q": "Batten disease"}).content.decode()
        assert "Neuronal ceroid lipofuscinosis" in html
    finally:
        ncl.synonyms.filter(text="Batten disease").delete()
        index_objects("condition", [ncl.pk])
