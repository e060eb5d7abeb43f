"""A stored variant typed as the report printed it: its GRCh38 position (as labs and gnomAD print
it, with or without "chr"), ClinVar's canonical SPDI or a g. name finds its own record first and
says so, instead of "not in the knowledge base". A variant not held still gets the notice and the
ClinVar link. Page and API, on every backend.

The rows are ClinVar's (shared/data/clinvar/clinvar_result_2020_pathogenic_rare_genes_subset.txt,
its Canonical SPDI and GRCh38Location columns): SMN1 c.570G>A is chr5:70942813 G>A on GRCh38,
SMN1 c.274_284del11 is NC_000005.10:70942356:GTGGAAAGTTGG:G, an 11-base deletion in repeated
bases that HGVS writes at its right end (g.70942358_70942368del) and ClinVar's location at its
left (70942357 - 70942367).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Gene
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import VariantFactory
from tests.search.contract.data import indexed

pytestmark = pytest.mark.django_db

CLINVAR = "https://www.ncbi.nlm.nih.gov/clinvar/?term="
NOT_HELD = "is not in the RareLabs knowledge base yet"


@pytest.fixture
def client(backend: str) -> Client:
    return client_from_fresh_address()


@pytest.fixture
def deletion(backend: str) -> Iterator[None]:
    variant = VariantFactory(
        name="NM_000344.3(SMN1):c.274_284del11",
        gene=Gene.objects.get(symbol="SMN1"),
        transcript="NM_000344.3",
        hgvs_c="c.274_284del11",
        rsid="rs1561499612",
        clinvar_id=634945,
        spdi="NC_000005.10:70942356:GTGGAAAGTTGG:G",
        clinical_significance="Pathogenic",
        source="ClinVar",
        source_id="VCV000634945",
        retrieved_on=dt.date(2016, 3, 18),
    )
    with indexed("variant", [variant]):
        yield


def _assert_found(client: Client, query: str, vcv: str, name: str) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["results"][0]["id"] == vcv
    assert body["identifier"]["found"] is True
    assert body["identifier"]["url"].startswith("/variants/")
    html = client.get("/search", {"q": query}).content.decode()
    assert NOT_HELD not in html
    assert name in html


@pytest.mark.parametrize(
    "query",
    [
        "chr5:70942813 G>A",
        "5-70942813-G-A",
        "chr5:70942813:G:A",
        "5:70942813 G>A",
        "chr5:70942813G>A",
        "GRCh38 chr5:70942813 G>A",
        "NC_000005.10:70942812:G:A",
        "NC_000005.10:g.70942813G>A",
    ],
)
def test_a_stored_base_change_typed_by_its_place_finds_its_record(
    client: Client, query: str
) -> None:
    # Was: "not in the RareLabs knowledge base yet" with the record nowhere (the position and
    # the SPDI) or first without being named (the g. name).
    _assert_found(client, query, "VCV000634936", "NM_000344.3(SMN1):c.570G&gt;A")


@pytest.mark.parametrize(
    "query",
    [
        "NC_000005.10:70942356:GTGGAAAGTTGG:G",  # ClinVar's canonical SPDI
        "NC_000005.10:g.70942358_70942368del",  # HGVS's 3' rule
        "NC_000005.10:g.70942357_70942367del",  # ClinVar's GRCh38 location, the left end
        "NC_000005.10:70942356:GTGGAAAGTTG:",  # the shortest SPDI
    ],
)
def test_a_stored_deletion_is_found_at_every_place_it_can_be_written(
    client: Client, deletion: None, query: str
) -> None:
    _assert_found(client, query, "VCV000634945", "NM_000344.3(SMN1):c.274_284del11")


@pytest.mark.parametrize(
    ("query", "term"),
    [
        # Another base at the same place, and the same place on GRCh37: not this record.
        ("chr5:70942813 G>T", "chr5%3A70942813%20G%3ET"),
        ("GRCh37 chr5:70942813 G>A", "chr5%3A70942813%20G%3EA"),
        ("NC_000005.9:g.70942813G>A", "NC_000005.9%3Ag.70942813G%3EA"),
    ],
)
def test_a_place_no_stored_variant_has_still_says_it_is_not_held(
    client: Client, query: str, term: str
) -> None:
    # The stored change at that place is found (so the notice below is not for want of keys).
    _assert_found(client, "chr5:70942813 G>A", "VCV000634936", "NM_000344.3(SMN1):c.570G&gt;A")
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["source_url"] == CLINVAR + term
    assert "VCV000634936" not in [hit["id"] for hit in body["results"][:1]]
    html = client.get("/search", {"q": query}).content.decode()
    assert NOT_HELD in html
