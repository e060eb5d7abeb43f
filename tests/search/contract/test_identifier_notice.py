"""Identifiers anywhere: a typed id or HGVS name finds its record, or says plainly that it is
not in the knowledge base and links the source database (page and API, every backend)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests._shared import client_from_fresh_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_from_fresh_address()


@pytest.mark.parametrize(
    ("query", "kind", "source"),
    [
        ("c.1521_1523del", "variant", "https://www.ncbi.nlm.nih.gov/clinvar/?term=c.1521_1523del"),
        ("rs113993960", "variant", "https://www.ncbi.nlm.nih.gov/clinvar/?term=rs113993960"),
        ("NCT01234567", "trial", "https://clinicaltrials.gov/study/NCT01234567"),
        ("PMID:12345678", "publication", "https://pubmed.ncbi.nlm.nih.gov/12345678/"),
        # A record's address copied from the browser's bar: its host and path are not words.
        (
            "https://www.ncbi.nlm.nih.gov/clinvar/variation/999999/",
            "variant",
            "https://www.ncbi.nlm.nih.gov/clinvar/?term=VCV000999999",
        ),
        (
            "https://pubmed.ncbi.nlm.nih.gov/12345678/",
            "publication",
            "https://pubmed.ncbi.nlm.nih.gov/12345678/",
        ),
        (
            "https://clinicaltrials.gov/study/NCT01234567",
            "trial",
            "https://clinicaltrials.gov/study/NCT01234567",
        ),
    ],
)
def test_an_unknown_identifier_says_so_and_links_the_source(
    client: Client, query: str, kind: str, source: str
) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["kind"] == kind
    assert body["identifier"]["source_url"] == source
    assert body["results"] == []  # no HLA-C or "C syndrome" for the pieces of an HGVS name
    html = client.get("/search", {"q": query}).content.decode()
    assert "is not in the RareLabs knowledge base yet" in html
    assert source.replace("&", "&amp;") in html


def test_a_known_rsid_names_its_variant(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": "rs1561499737"}).json()
    assert body["identifier"]["found"] is True
    assert body["identifier"]["url"].startswith("/variants/")
    assert body["results"][0]["id"] == "VCV000634936"


@pytest.mark.parametrize("query", ["CFTR c.1521_1523del", "cftr c.1521_1523del"])
def test_a_gene_typed_with_an_unknown_variant_still_finds_the_gene(
    client: Client, query: str
) -> None:
    # Typed on a phone in lower case, the symbol is still the gene (it was read as words, and
    # the unparsed "variant" matched nothing).
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["results"][0]["id"] == "CFTR"


@pytest.mark.parametrize("query", ["CFTR F508del", "CFTR p.Phe508del", "cftr f508del"])
def test_a_gene_typed_with_a_protein_change_finds_the_gene_and_says_where_the_variant_is(
    client: Client, query: str
) -> None:
    # A report's "CFTR F508del": a treatment whose text names both words matched every word,
    # so the search was not widened and the gene never answered.
    from search.indexer import index_objects
    from tests.factories.knowledge import TherapyFactory

    therapy = TherapyFactory(
        name="lumacaftor/ivacaftor",
        mechanism="Helps CFTR protein made from F508del (p.Phe508del) reach the cell surface.",
    )
    try:
        index_objects("therapy", [therapy.pk])
        body = client.get("/api/v1/search/", {"q": query}).json()
        assert body["identifier"]["found"] is False
        assert body["identifier"]["source_url"].endswith("p.Phe508del")
        assert body["results"][0]["id"] == "CFTR"
    finally:
        therapy_pk = therapy.pk
        therapy.delete()
        index_objects("therapy", [therapy_pk])


def test_a_stored_variant_typed_with_its_gene_still_comes_before_the_gene(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": "SMN1 c.570G>A"}).json()
    assert [hit["id"] for hit in body["results"][:2]] == ["VCV000634936", "SMN1"]
    assert body["identifier"]["found"] is True


@pytest.mark.parametrize(
    ("query", "gene", "source"),
    [
        # Lines as a genetic report prints them: the zygosity, origin or class after the name.
        ("CFTR F508del homozygous", "CFTR", "p.Phe508del"),
        ("cftr f508del (het)", "CFTR", "p.Phe508del"),
        ("MECP2 c.473C>T de novo", "MECP2", "c.473C%3ET"),
        ("NM_000492.4(CFTR):c.1521_1523del heterozygous", "CFTR", "NM_000492.4%3Ac.1521_1523del"),
        (
            "Heterozygous for NM_000492.4(CFTR):c.1521_1523del",
            "CFTR",
            "NM_000492.4%3Ac.1521_1523del",
        ),
        # the protein change beside the DNA change, as reports print it
        ("CFTR c.1521_1523del p.(Phe508del)", "CFTR", "c.1521_1523del"),
        ("MECP2 c.473C>T, p.(Thr158Met)", "MECP2", "c.473C%3ET"),
    ],
)
def test_a_report_line_reads_the_variant_beside_its_zygosity(
    client: Client, query: str, gene: str, source: str
) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["source_url"].endswith(source)
    assert body["results"][0]["id"] == gene


def test_a_stored_variant_in_a_report_line_is_found(client: Client) -> None:
    body = client.get(
        "/api/v1/search/", {"q": "NM_000344.3(SMN1):c.570G>A (p.Trp190Ter) heterozygous"}
    ).json()
    assert body["identifier"]["found"] is True
    assert body["results"][0]["id"] == "VCV000634936"


def test_a_transcript_name_with_its_gene_in_brackets_still_shows_the_gene(client: Client) -> None:
    # Only the gene in "NM_000344.3(SMN1):..." names it: the family still reaches SMN1's page.
    body = client.get("/api/v1/search/", {"q": "NM_000344.3(SMN1):c.999del"}).json()
    assert body["identifier"]["found"] is False
    assert [hit["id"] for hit in body["results"]] == ["SMN1"]


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("SMN1 c.999del", "SMN1%5Bgene%5D%20AND%20c.999del"),
        ("CFTR F508del", "CFTR%5Bgene%5D%20AND%20p.Phe508del"),
        ("SMN1 exon 7 deletion", "SMN1%5Bgene%5D%20AND%20exon%207%20deletion"),
    ],
)
def test_a_change_named_with_its_gene_is_looked_up_in_that_gene(
    client: Client, query: str, term: str
) -> None:
    # Was: ClinVar searched for "c.999del" alone, a change every gene has.
    source = f"https://www.ncbi.nlm.nih.gov/clinvar/?term={term}"
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["source_url"] == source
    assert source in client.get("/search", {"q": query}).content.decode()
