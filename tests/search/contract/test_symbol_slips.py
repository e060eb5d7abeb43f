"""A gene symbol typed with one slip finds the gene, on both backends, in the API and the page.

Symbols were not in the spelling vocabulary (only alphabetic words were), so "MEPC2" matched
nothing and got no proposal. A swap wins over the other one-slip words: it keeps every letter;
so does a doubled key. A dropped character or a neighbouring key comes next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import Client

from search import lexicon
from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import ConditionGeneFactory, GeneFactory
from tests.search.contract.data import client_over_contract_phenotypes, indexed

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def assert_corrected_to_the_gene(client: Client, query: str, corrected: str, gene: str) -> None:
    """The API and the page propose `corrected` (as HGNC writes it) and answer the gene first."""
    api = client.get("/api/v1/search/", {"q": query}).json()
    assert api["did_you_mean"] == corrected
    assert api["results"][0]["id"] == gene
    page = client.get("/search", {"q": query}).content.decode()
    assert f">{corrected}</a>?" in page
    assert f"/genes/{gene}" in page


def test_symbols_are_words_the_index_knows(backend: str) -> None:
    assert {"mecp2", "scn1a", "smn1"} <= set(lexicon.current().terms)


@pytest.mark.parametrize(
    ("query", "corrected", "gene"),
    [("MEPC2", "MECP2", "MECP2"), ("SNC1A", "SCN1A", "SCN1A"), ("CFRT", "CFTR", "CFTR")],
)
def test_a_symbol_typed_with_two_characters_swapped_finds_the_gene(
    client: Client, query: str, corrected: str, gene: str
) -> None:
    assert_corrected_to_the_gene(client, query, corrected, gene)


def test_a_slip_that_two_symbols_explain_equally_gets_no_proposal(backend: str) -> None:
    # "SMN3" is one changed character from SMN1 and from SMN2: no clear winner.
    assert run_search(SearchRequest(query="SMN3")).did_you_mean is None


@pytest.fixture
def an_unrelated_slip(backend: str) -> Iterator[None]:
    # The contract's SMN1 is linked to a condition, SMN2 is not; STMN3 (unlinked) is "SMN3"
    # with its "T" put back. "SMN3" is no HGNC symbol.
    with genes_added([("STMN3", "stathmin 3")]):
        yield


def test_a_number_no_gene_of_a_family_has_lists_the_family(
    client: Client, an_unrelated_slip: None
) -> None:
    # Before, "SMN3" proposed and answered the unrelated STMN3 (a dropped "T").
    api = client.get("/api/v1/search/", {"q": "SMN3"}).json()
    assert api["did_you_mean"] is None
    assert {hit["id"] for hit in api["results"][:2]} == {"SMN1", "SMN2"}
    assert "STMN3" not in {hit["id"] for hit in api["results"]}
    page = client.get("/search", {"q": "SMN3"}).content.decode()
    assert "Did you mean" not in page
    assert "/genes/SMN1" in page


def test_a_symbol_typed_right_is_never_rewritten(backend: str) -> None:
    for query in ("SMN2", "GBA1", "POMPP1"):
        assert run_search(SearchRequest(query=query)).did_you_mean is None


def test_a_mended_symbol_in_a_long_name_is_not_widened_to_any_word(client: Client) -> None:
    # "PMOPP1" is POMPP1 with a swap. Mended, the whole name matches POMPP1 alone; widened to
    # any word it also listed POMP and every other "pseudogene" (most of a 200k search's time).
    api = client.get("/api/v1/search/", {"q": "PMOPP1: POMP pseudogene"}).json()
    # Written as the name it opens writes it ("POMPP1: POMP pseudogene 1"), as typed.
    assert api["did_you_mean"] == "POMPP1: POMP pseudogene"
    assert [hit["id"] for hit in api["results"]] == ["POMPP1"]


@contextmanager
def genes_added(names: list[tuple[str, str]]) -> Iterator[None]:
    """Genes (symbol, HGNC name) indexed for one test; their symbols join the vocabulary."""
    try:
        with indexed("gene", [GeneFactory(symbol=s, name=name) for s, name in names]):
            yield
    finally:
        lexicon.invalidate()


@pytest.fixture
def genes_one_slip_apart(backend: str) -> Iterator[None]:
    # Each pair is one slip from the typed symbol: "AAK2" drops a letter of JAK2 or doubles
    # one of AK2; "KLEC4" adds a letter to KLC4 or has "e" for its neighbouring key in KLRC4.
    with genes_added(
        [
            ("AK2", "adenylate kinase 2"),
            ("JAK2", "Janus kinase 2"),
            ("KLRC4", "killer cell lectin like receptor C4"),
            ("KLC4", "kinesin light chain 4"),
        ]
    ):
        yield


@pytest.mark.parametrize(
    ("query", "corrected", "gene"),
    [("AAK2", "AK2", "AK2"), ("KLEC4", "KLRC4", "KLRC4")],
)
def test_a_doubled_key_or_a_neighbouring_key_beats_another_slip(
    client: Client, genes_one_slip_apart: None, query: str, corrected: str, gene: str
) -> None:
    assert_corrected_to_the_gene(client, query, corrected, gene)


@pytest.fixture
def genes_tied(backend: str) -> Iterator[None]:
    # "JGA1" is a swap of JAG1 and a swap of GJA1: both as likely.
    with genes_added(
        [("JAG1", "jagged canonical Notch ligand 1"), ("GJA1", "gap junction protein alpha 1")]
    ):
        yield


def test_a_slip_that_two_symbols_explain_equally_lists_both_genes(
    client: Client, genes_tied: None
) -> None:
    # Before, "JGA1" got no proposal and found nothing: now both genes, and no "Did you mean".
    api = client.get("/api/v1/search/", {"q": "JGA1"}).json()
    assert api["did_you_mean"] is None
    assert {hit["id"] for hit in api["results"][:2]} == {"JAG1", "GJA1"}
    page = client.get("/search", {"q": "JGA1"}).content.decode()
    assert "Did you mean" not in page
    assert "/genes/JAG1" in page
    assert "/genes/GJA1" in page


@pytest.fixture
def genes_near_disease_genes(backend: str) -> Iterator[None]:
    # BARD1 and PDP1 are linked to a condition; the others are not. "BAR1" drops a letter of
    # BARD1, BCAR1 and BARX1, or has a neighbouring key in GAR1 or BAT1; "PDO1" swaps two
    # letters of POD1, or has "o" for its neighbouring key "p" in PDP1.
    linked = [GeneFactory(symbol=symbol) for symbol in ("BARD1", "PDP1")]
    for gene in linked:
        ConditionGeneFactory(gene=gene)
    others = [GeneFactory(symbol=s) for s in ("BCAR1", "GAR1", "BAT1", "BARX1", "POD1")]
    try:
        with indexed("gene", linked + others):
            yield
    finally:
        lexicon.invalidate()


def test_a_slip_that_reaches_one_disease_gene_finds_it(
    client: Client, genes_near_disease_genes: None
) -> None:
    # Before, five symbols as likely meant no proposal and nothing found; then it was
    # proposed in lower case ("bard1"), not as HGNC writes it.
    assert_corrected_to_the_gene(client, "BAR1", "BARD1", "BARD1")


def test_a_disease_gene_and_a_likelier_slip_are_both_listed(
    client: Client, genes_near_disease_genes: None
) -> None:
    # Before, the swap's POD1 was proposed alone.
    api = client.get("/api/v1/search/", {"q": "PDO1"}).json()
    assert api["did_you_mean"] is None
    assert [hit["id"] for hit in api["results"][:2]] == ["PDP1", "POD1"]
    page = client.get("/search", {"q": "PDO1"}).content.decode()
    assert "Did you mean" not in page
    assert page.index("/genes/PDP1") < page.index("/genes/POD1")
