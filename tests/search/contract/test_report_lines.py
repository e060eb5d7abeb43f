"""Lines copied from a genetic report: a gene beside an exon or copy-number finding answers the
gene and its conditions, two variants on one line are both read, and a chromosome change finds
the syndrome Orphanet names after its bands. Page and API, on every backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import SynonymKind
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    indexed,
    search_ids,
)

pytestmark = pytest.mark.django_db

SYNONYM = SynonymKind.SYNONYM


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    """The contract data plus Orphanet 2025-12 chromosome-change syndromes (names and synonyms
    as Orphanet gives them), one of them named by a finding's words ("deletion", "7")."""
    client = client_over_contract_phenotypes()
    added = [
        create_condition(
            "ORPHA:567",
            "22q11.2 deletion syndrome",
            "A rare chromosomal anomaly which causes a congenital malformation disorder.",
            [("Microdeletion 22q11.2", SYNONYM), ("Monosomy 22q11", SYNONYM)],
        ),
        create_condition(
            "ORPHA:1727",
            "22q11.2 duplication syndrome",
            "A rare chromosomal anomaly characterized by an extremely variable clinical phenotype.",
            [("Dup(22)(q11)", SYNONYM), ("Duplication 22q11.2", SYNONYM)],
        ),
        create_condition(
            "ORPHA:870",
            "Down syndrome",
            "A total autosomal trisomy caused by a third copy of chromosome 21.",
            [("Trisomy 21", SYNONYM)],
        ),
        create_condition(
            "ORPHA:1606",
            "1p36 deletion syndrome",
            "A rare chromosomal anomaly.",
            [("Del(1)(p36)", SYNONYM), ("Deletion 1p36", SYNONYM), ("Monosomy 1p36", SYNONYM)],
        ),
        create_condition(
            "ORPHA:904",
            "Williams syndrome",
            "A rare genetic multisystemic neurodevelopmental disorder characterized by a distinct "
            "facial appearance.",
            [("Deletion 7q11.23", SYNONYM), ("Monosomy 7q11.23", SYNONYM)],
        ),
        create_condition(
            "ORPHA:281",
            "Monosomy 5p syndrome",
            "A rare developmental defect during embryogenesis resulting from partial or total "
            "deletion of the short arm of chromosome 5.",
            [("Cri du chat syndrome", SYNONYM), ("Deletion 5p", SYNONYM)],
        ),
        create_condition(
            "ORPHA:261796",
            "Partial deletion of chromosome 7 syndrome",
            "",
            [("Partial monosomy of chromosome 7", SYNONYM)],
        ),
    ]
    with indexed("condition", added):
        yield client


@pytest.mark.parametrize(
    ("query", "gene", "condition"),
    [
        # Before: the finding's words ("deletion", "7") found chromosome deletion syndromes.
        ("homozygous deletion of SMN1 exons 7 and 8", "SMN1", "ORPHA:70"),
        ("deletion of exons 45 to 50 of the DMD gene", "DMD", "ORPHA:98896"),
        ("hemizygous deletion of DMD exons 48-52", "DMD", "ORPHA:98896"),
    ],
)
def test_a_gene_with_its_finding_answers_the_gene_and_its_conditions(
    client: Client, query: str, gene: str, condition: str
) -> None:
    ids = search_ids(client, query)
    assert ids[0] == gene
    assert condition in ids[:4]
    assert "ORPHA:261796" not in ids


def test_the_not_in_the_knowledge_base_notice_comes_after_the_gene(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": "SMN1 exon 7 deletion"}).json()
    assert body["results"][0]["id"] == "SMN1"
    assert body["identifier"]["found"] is False
    assert body["identifier"]["leads"] == body["results"][0]["name"]
    html = client.get("/search", {"q": "SMN1 exon 7 deletion"}).content.decode()
    assert html.index("/genes/SMN1/") < html.index("is not in the RareLabs knowledge base yet")


def test_two_variants_on_one_line_are_both_read_on_the_gene(client: Client) -> None:
    line = "CFTR c.1521_1523del (p.Phe508del) / c.1624G>T (p.Gly542Ter), compound heterozygous"
    body = client.get("/api/v1/search/", {"q": line}).json()
    assert body["results"][0]["id"] == "CFTR"
    assert "ORPHA:586" in [hit["id"] for hit in body["results"][:3]]
    assert body["identifier"]["found"] is False
    assert body["identifier"]["source_url"].endswith("c.1521_1523del")


@pytest.mark.parametrize(
    ("query", "condition"),
    [
        ("46,XY,del(22)(q11.2)", "ORPHA:567"),
        ("arr[GRCh37] 22q11.21(18916842_21465659)x3", "ORPHA:1727"),
        ("arr[hg19] 7q11.23(72,650,120-74,154,209)x1", "ORPHA:904"),
        ("46,XX,del(5)(p15.2)", "ORPHA:281"),
    ],
)
def test_a_chromosome_change_finds_the_syndrome_named_after_its_bands(
    client: Client, query: str, condition: str
) -> None:
    first = client.get("/api/v1/search/", {"q": query}).json()["results"][0]
    assert first["id"] == condition
    html = client.get("/search", {"q": query}).content.decode()
    assert first["url"] in html
