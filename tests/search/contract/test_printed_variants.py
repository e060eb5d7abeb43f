"""A variant copied as a lab, a browser or ClinVar prints it besides an HGVS name (a genomic
position, an SPDI, a repeat count, ClinVar's legacy name, "Variation ID: n"), and a PubMed
address: each says plainly that it is not in the knowledge base and links the source database,
instead of matching its pieces as words. Page and API, on every backend."""

from __future__ import annotations

import pytest
from django.test import Client

from tests._shared import client_from_fresh_address

pytestmark = pytest.mark.django_db

CLINVAR = "https://www.ncbi.nlm.nih.gov/clinvar/?term="


@pytest.fixture
def client(backend: str) -> Client:
    return client_from_fresh_address()


@pytest.mark.parametrize(
    ("query", "term"),
    [
        # ClinVar's own records (shared/data/clinvar), GRCh38 location and canonical SPDI
        ("chr21:31668517 G>A", "chr21%3A31668517%20G%3EA"),
        ("X-147936534-T-A", "chrX%3A147936534%20T%3EA"),
        ("NC_000017.11:80110840:G:T", "NC_000017.11%3Ag.80110841G%3ET"),
        ("NM_006920.6:c.1506_1510GAAAA[1] heterozygous", "NM_006920.6%3Ac.1506_1510GAAAA%5B1%5D"),
        ("Variation ID: 420039", "VCV000420039"),
    ],
)
def test_a_variant_printed_without_an_hgvs_name_says_it_is_not_held(
    client: Client, query: str, term: str
) -> None:
    # Was: "chr21" and "G" matched genes (CTSG, ENDOG), "X-147936534-T-A" a condition.
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["kind"] == "variant"
    assert body["identifier"]["source_url"] == CLINVAR + term
    assert body["results"] == []
    html = client.get("/search", {"q": query}).content.decode()
    assert "is not in the RareLabs knowledge base yet" in html
    assert CLINVAR + term in html


def test_a_clinvar_legacy_name_finds_its_gene_and_says_where_the_variant_is(
    client: Client,
) -> None:
    body = client.get("/api/v1/search/", {"q": "CFTR, 3-BP DEL, PHE508DEL"}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["kind"] == "variant"
    assert body["identifier"]["source_url"].startswith(CLINVAR + "CFTR%5Bgene%5D")
    assert body["results"][0]["id"] == "CFTR"


@pytest.mark.parametrize(
    "query", ["https://pubmed.ncbi.nlm.nih.gov/35196497/", "www.ncbi.nlm.nih.gov/pubmed/35196497"]
)
def test_a_pubmed_address_is_read_as_its_pmid(client: Client, query: str) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["kind"] == "publication"
    assert body["identifier"]["source_url"] == "https://pubmed.ncbi.nlm.nih.gov/35196497/"
