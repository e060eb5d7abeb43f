"""Names typed the short way: an eponym alone, a misspelt eponym, a label with its id in
parentheses as a genetic report prints it. Page and API, on every backend."""

from __future__ import annotations

import pytest
from django.test import Client

from search.query import run_autocomplete
from tests.search.contract.data import client_over_contract_phenotypes, search_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_an_eponym_typed_alone_answers_the_condition_before_look_alike_genes(
    client: Client,
) -> None:
    # "Pompe" stems to "pomp": the genes POMP and POMPP1 share the stem, Pompe disease is a
    # synonym of ORPHA:365.
    ids = search_ids(client, "Pompe")
    assert ids[0] == "ORPHA:365"
    assert {"POMP", "POMPP1"} <= set(ids)  # still found, below the condition
    html = client.get("/search", {"q": "Pompe"}).content.decode()
    assert html.index("Glycogen storage disease due to acid maltase deficiency") < html.index(
        "proteasome maturation protein"
    )


def test_a_gene_symbol_typed_exactly_still_comes_first(client: Client) -> None:
    assert search_ids(client, "POMP")[0] == "POMP"


def test_a_misspelt_eponym_finds_the_condition_named_so_not_a_short_look_alike(
    client: Client,
) -> None:
    # "Hoffman" for Hoffmann: no document has every word, so the search widens to any word;
    # "Wolman disease" shares only "disease" and looks like the query's title.
    assert search_ids(client, "Werdnig Hoffman disease")[0] == "ORPHA:83330"
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

    # "gene therapy" and "for" are the question's words: "sma" is the name it asks about
    assert "sma" in analyze("gene therapy for sma").exact_keys
    assert search_ids(client, "gene therapy for sma")[0] == "ORPHA:70"


def test_batten_disease_finds_the_ncl_group_through_its_sourced_name(client: Client) -> None:
    # NINDS calls the whole group of neuronal ceroid lipofuscinoses "Batten disease"; the
    # curated file carries the name with that page as its source (no Orphanet synonym says so).
    from kbimport.importers.curated_names import import_curated_names
    from knowledge.models import Condition
    from search.indexer import index_objects

    ncl = Condition.objects.get(primary_id="ORPHA:216")
    assert "ORPHA:216" not in search_ids(client, "Batten disease")[:1]
    import_curated_names()
    try:
        index_objects("condition", [ncl.pk])
        for query in ("Batten disease", "Batten"):
            assert search_ids(client, query)[0] == "ORPHA:216", query
        html = client.get("/search", {"q": "Batten disease"}).content.decode()
        assert "Neuronal ceroid lipofuscinosis" in html
    finally:
        ncl.synonyms.filter(text="Batten disease").delete()
        index_objects("condition", [ncl.pk])


def test_an_everyday_name_from_a_public_page_outranks_a_sign_of_the_same_name(
    client: Client,
) -> None:
    # HPO names a sign "Spinal muscular atrophy" (HP:0007269); NICE calls the condition so. The
    # family typing it wants the condition: the curated name is an everyday name, ranked above
    # a sign's own label.
    from kbimport.importers.curated_names import import_curated_names
    from knowledge.models import Condition, ConditionSynonym, SynonymKind
    from search.indexer import index_objects
    from tests.factories.knowledge import PhenotypeFactory

    sign = PhenotypeFactory(
        hpo_id="HP:0007269",
        name="Spinal muscular atrophy",
        definition="Muscular weakness and atrophy related to loss of the motor neurons of the "
        "spinal cord.",
        source="HPO 2025-01-16",
    )
    sma = Condition.objects.get(primary_id="ORPHA:70")
    try:
        index_objects("phenotype", [sign.pk])
        assert search_ids(client, "spinal muscular atrophy")[0] == "HP:0007269"
        import_curated_names()
        stored = ConditionSynonym.objects.get(condition=sma, text="Spinal muscular atrophy")
        assert (stored.kind, stored.source) == (SynonymKind.LAYPERSON, "NICE (HST15)")
        index_objects("condition", [sma.pk])
        for query in ("spinal muscular atrophy", "Spinal Muscular Atrophy treatment"):
            assert search_ids(client, query)[:2] == ["ORPHA:70", "HP:0007269"], query
    finally:
        sma.synonyms.filter(text="Spinal muscular atrophy").delete()
        index_objects("condition", [sma.pk])
        sign_pk = sign.pk
        sign.delete()
        index_objects("phenotype", [sign_pk])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pompe treatment", "ORPHA:365"),
        ("sma medicine", "ORPHA:70"),
        ("cf drugs", "ORPHA:586"),
        ("duchenne muscular dystrophy clinical trials", "ORPHA:98896"),
    ],
)
def test_a_name_followed_by_what_the_family_wants_to_know_is_the_condition(
    client: Client, query: str, expected: str
) -> None:
    # "pompe treatment": the topic word after the name is not part of it. Before, "treatment"
    # had to match too, and "Prediction of response to monoclonal antibody treatment" came first.
    hits = client.get("/api/v1/search/", {"q": query}).json()["results"]
    assert hits[0]["id"] == expected
    html = client.get("/search", {"q": query}).content.decode()
    assert html.index(f'href="{hits[0]["url"]}"') < html.index(f'href="{hits[1]["url"]}"')
