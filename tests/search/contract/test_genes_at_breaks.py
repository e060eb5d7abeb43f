"""The genes at a translocation's breaks: those the gene list of a condition named for it calls
"part of a fusion gene in" (Orphanet), placed by HGNC in a band the line writes or the band
next to it, or named on the line itself. Each is found as the gene, never as another document
that shares its letters. API, on every backend."""

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
FUSED = "Part of a fusion gene in"
# Orphanet 2025-12's fused genes of the two leukemias (a part of APL's thirteen), with HGNC's
# names and locations (shared/data/hgnc).
APL_GENES = [
    ("PML", "HGNC:9113", "PML nuclear body scaffold", "15q24.1"),
    ("RARA", "HGNC:9864", "retinoic acid receptor alpha", "17q21.2"),
    ("STAT5B", "HGNC:11367", "signal transducer and activator of transcription 5B", "17q21.2"),
    ("PRKAR1A", "HGNC:9388", "protein kinase cAMP-dependent type I regulatory subunit alpha",
     "17q24.2"),
    ("NPM1", "HGNC:7910", "nucleophosmin 1", "5q35.1"),
]  # fmt: skip
T8_21_GENES = [
    ("RUNX1", "HGNC:10471", "RUNX family transcription factor 1", "21q22.12"),
    ("RUNX1T1", "HGNC:1535", "RUNX1 partner transcriptional co-repressor 1", "8q21.3"),
]


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    """The contract data plus acute promyelocytic leukemia and the AML named for t(8;21), with
    their fused genes, and progressive multifocal leukoencephalopathy, whose synonym is "PML"
    (Orphanet 2025-12's names and synonyms)."""
    client = client_over_contract_phenotypes()
    apl = create_condition(
        "ORPHA:520",
        "Acute promyelocytic leukemia",
        "A rare acute myeloid leukemia.",
        [("AML with t(15;17)(q22;q12);(PML/RARalpha) and variants", SYNONYM), ("APML", SYNONYM)],
    )
    aml = create_condition(
        "ORPHA:102724",
        "Acute myeloid leukemia with t(8;21)(q22;q22) translocation",
        "A rare acute myeloid leukemia.",
        [("AML with t(8;21)(q22;q22) translocation", SYNONYM)],
    )
    pml = create_condition(
        "ORPHA:217260",
        "Progressive multifocal leukoencephalopathy",
        "A rare infection of the brain.",
        [("PML", SYNONYM), ("Progressive multifocal leukoencephalitis", SYNONYM)],
    )
    genes = []
    for condition, rows in ((apl, APL_GENES), (aml, T8_21_GENES)):
        for symbol, hgnc_id, name, location in rows:
            gene = create_gene(symbol, hgnc_id, name)
            gene.location = location
            gene.save()
            link_gene(condition, gene, FUSED)
            genes.append(gene)
    with indexed("gene", genes), indexed("condition", [apl, aml, pml]):
        yield client


def test_a_fused_gene_is_found_as_the_gene_not_a_condition_sharing_its_letters(
    client: Client,
) -> None:
    # Was: the gene's symbol was the key, and "PML" is also the other condition's synonym.
    ids = [hit["id"] for hit in api_search(client, "46,XX,t(15;17)(q24;q21)")["results"]]
    assert ids[:4] == ["ORPHA:520", "PML", "RARA", "STAT5B"]
    assert "ORPHA:217260" not in ids
    assert not {"PRKAR1A", "NPM1"} & set(ids)  # fused in APL, but at no band the line writes


def test_a_gene_named_beside_a_translocation_is_listed_after_its_conditions(
    client: Client,
) -> None:
    # Was: the leukemia alone; the gene typed was dropped with the line's other words.
    ids = [hit["id"] for hit in api_search(client, "PML at t(15;17)")["results"]]
    assert ids[:2] == ["ORPHA:520", "PML"]
    assert "ORPHA:217260" not in ids
    assert "RARA" not in ids  # no band written, and not named


def test_a_fused_gene_hgnc_places_a_band_from_the_written_break_is_listed(
    client: Client,
) -> None:
    # Was: RUNX1 only; HGNC's 8q21.3 is not inside the 8q22 a karyotype writes.
    ids = [hit["id"] for hit in api_search(client, "46,XX,t(8;21)(q22;q22.1)")["results"]]
    assert ids[:3] == ["ORPHA:102724", "RUNX1", "RUNX1T1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("PML::RARA", ["ORPHA:520", "PML", "RARA"]),
        ("PML-RARA fusion", ["ORPHA:520", "PML", "RARA"]),
        ("RUNX1-RUNX1T1 fusion", ["ORPHA:102724", "RUNX1", "RUNX1T1"]),
    ],
)
def test_a_fusion_named_by_its_genes_finds_its_condition_then_the_genes(
    client: Client, query: str, expected: list[str]
) -> None:
    # Was: the words' search; the fusion's condition was not first, nor its genes after it.
    ids = [hit["id"] for hit in api_search(client, query)["results"]]
    assert ids[0] == expected[0]
    assert set(ids[1:3]) == set(expected[1:])
