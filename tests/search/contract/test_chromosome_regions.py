"""A line naming a chromosome region (a microarray or karyotype report's, or a family's words)
is read as that region: the conditions named for an overlapping region, the change the line
names first, then the genes HGNC places there that cause a condition; the page and the API say
what the line was read as, and when nothing is named for the bands, say so and link DECIPHER.
Page and API, on every backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import SynonymKind
from tests.search.contract.data import (
    api_search,
    client_over_contract_phenotypes,
    create_condition,
    create_gene,
    indexed,
    link_gene,
)

pytestmark = pytest.mark.django_db

SYNONYM = SynonymKind.SYNONYM
LOSS_LINE = "arr[GRCh37] 7q11.23(72650120_74154209)x1"


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    """The contract data plus Orphanet 2025-12's syndromes named for 7q11.23 (names and
    synonyms as Orphanet gives them) and ELN, which HGNC places at 7q11.23 and Orphanet gives
    as disease-causing for supravalvular aortic stenosis."""
    client = client_over_contract_phenotypes()
    williams = create_condition(
        "ORPHA:904",
        "Williams syndrome",
        "A rare genetic multisystemic neurodevelopmental disorder.",
        [("Deletion 7q11.23", SYNONYM), ("Monosomy 7q11.23", SYNONYM)],
    )
    distal = create_condition(
        "ORPHA:254351",
        "Distal 7q11.23 microdeletion syndrome",
        "A rare chromosomal anomaly.",
        [("Distal del(7)(q11.23)", SYNONYM), ("Distal monosomy 7q11.23", SYNONYM)],
    )
    duplication = create_condition(
        "ORPHA:96121",
        "7q11.23 microduplication syndrome",
        "A rare chromosomal anomaly.",
        [("Dup(7)(q11.23)", SYNONYM), ("Trisomy 7q11.23", SYNONYM)],
    )
    stenosis = create_condition(
        "ORPHA:3193",
        "Supravalvular aortic stenosis",
        "A rare genetic vascular disease.",
        [],
    )
    eln = create_gene("ELN", "HGNC:3327", "elastin")
    eln.location = "7q11.23"
    eln.save(update_fields=["location"])
    link_gene(stenosis, eln, "Disease-causing germline mutation(s) (loss of function) in")
    with indexed("gene", [eln]), indexed("condition", [williams, distal, duplication, stenosis]):
        yield client


def test_a_loss_finds_the_deletion_syndromes_then_the_duplication_then_the_genes(
    client: Client,
) -> None:
    body = api_search(client, LOSS_LINE)
    ids = [hit["id"] for hit in body["results"]]
    assert ids[:3] == ["ORPHA:904", "ORPHA:254351", "ORPHA:96121"]
    assert ids.index("ELN") > 2
    region = body["region"]
    assert region["read_as"] == "A loss of one copy of chromosome 7, band q11.23"
    assert (region["build"], region["coordinates_used"], region["found"]) == ("GRCh37", False, True)
    html = client.get("/search", {"q": LOSS_LINE}).content.decode()
    assert "A loss of one copy of chromosome 7, band q11.23" in html
    assert "were not used" in html


def test_a_gain_finds_the_duplication_syndrome_first(client: Client) -> None:
    body = api_search(client, "dup(7)(q11.23)")
    assert body["results"][0]["id"] == "ORPHA:96121"
    assert body["region"]["read_as"] == "A gain of part of chromosome 7, band q11.23"


def test_a_family_naming_a_region_finds_its_syndrome_not_signs(client: Client) -> None:
    body = api_search(client, "my son has a 7q11.23 deletion")
    assert [hit["id"] for hit in body["results"][:2]] == ["ORPHA:904", "ORPHA:254351"]
    assert body["described"] is None
    assert body["region"]["read_as"] == "A loss of part of chromosome 7, band q11.23"


def test_bands_nothing_is_named_for_say_so_and_link_decipher(client: Client) -> None:
    body = api_search(client, "13q21.31 deletion")
    region = body["region"]
    assert region["found"] is False
    assert region["source_url"].startswith("https://www.deciphergenomics.org/search?q=13q21.31")
    html = client.get("/search", {"q": "13q21.31 deletion"}).content.decode()
    assert "Nothing in the RareLabs knowledge base is named for these bands yet." in html
    assert "Look it up in DECIPHER" in html


def test_bad_or_partial_lines_are_left_as_typed(client: Client) -> None:
    assert api_search(client, "15q13.3q14")["region"]["read_as"].startswith("Part of chromosome 15")
    for line in ("del(7)(q11.23", "arr[GRCh37] 7q(", "t(7;22)(q11.23)"):
        body = api_search(client, line)
        assert body["region"] is None
        assert body["did_you_mean"] is None
