"""Condition names typed as clinicians and families type them answer the condition first, on
every backend (issue 17, sixteenth session's judged misses):

- a name written with another head word than the source's: clinicians say "PIK3CA-related
  overgrowth spectrum", Orphanet 2025-12 writes "PIK3CA-related overgrowth syndrome"
  (ORPHA:530313, synonym PROS);
- a name typed without its leading inheritance: Orphanet's "X-linked adrenoleukodystrophy"
  (ORPHA:43), while HGNC gives "adrenoleukodystrophy" as an alias of ABCD1;
- a condition's abbreviation that is also the symbol of a gene tied to no condition: "NCL"
  (neuronal ceroid lipofuscinosis, ORPHA:216) and NCL, nucleolin.

Names, synonyms and aliases as Orphanet 2025-12 and the HGNC complete set write them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import SynonymKind
from search.indexer import rebuild
from tests.factories.knowledge import ConditionGeneFactory, GeneFactory
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    indexed,
    search_ids,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    client = client_over_contract_phenotypes()
    conditions = [
        create_condition(
            "ORPHA:530313",
            "PIK3CA-related overgrowth syndrome",
            "A group of rare overgrowth disorders caused by somatic activating variants in "
            "PIK3CA, with segmental or focal overgrowth.",
            [("PROS", SynonymKind.SYNONYM)],
        ),
        create_condition(
            "ORPHA:43",
            "X-linked adrenoleukodystrophy",
            "A peroxisomal disease affecting the nervous system, the adrenal cortex and the "
            "testis.",
            [
                ("ALD", SynonymKind.SYNONYM),
                ("X-ALD", SynonymKind.SYNONYM),
                ("X-linked ALD", SynonymKind.SYNONYM),
            ],
        ),
    ]
    genes = [
        GeneFactory(
            symbol="PIK3CA",
            name="phosphatidylinositol-4,5-bisphosphate 3-kinase catalytic subunit alpha",
            aliases=["PI3K"],
        ),
        GeneFactory(
            symbol="ABCD1",
            name="ATP binding cassette subfamily D member 1",
            aliases=["AMN", "ALDP", "adrenoleukodystrophy"],
            previous_symbols=["ALD"],
        ),
        GeneFactory(symbol="NCL", name="nucleolin", aliases=["C23"]),
    ]
    with indexed("condition", conditions), indexed("gene", genes):
        yield client


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Before: "spectrum" matched nowhere, so the query widened to any word and the gene
        # PIK3CA came first.
        ("PIK3CA-related overgrowth spectrum", "ORPHA:530313"),
        ("pik3ca related overgrowth spectrum", "ORPHA:530313"),
        # Before: ABCD1's alias matched whole, the condition only by its words.
        ("adrenoleukodystrophy", "ORPHA:43"),
        ("adrenoleukodystrophy gene therapy", "ORPHA:43"),
    ],
)
def test_a_name_as_typed_answers_its_condition_first(
    client: Client, query: str, expected: str
) -> None:
    assert search_ids(client, query)[0] == expected


def test_the_name_orphanet_writes_still_answers_first(client: Client) -> None:
    assert search_ids(client, "PIK3CA-related overgrowth syndrome")[0] == "ORPHA:530313"
    assert search_ids(client, "PIK3CA")[0] == "PIK3CA"
    assert search_ids(client, "ABCD1")[0] == "ABCD1"


def test_an_abbreviation_comes_before_a_gene_tied_to_no_condition(client: Client) -> None:
    # Before: the symbol's key (60) outranked the abbreviation's (40), so nucleolin came first.
    assert search_ids(client, "NCL")[:2] == ["ORPHA:216", "NCL"]
    assert search_ids(client, "ncl")[0] == "ORPHA:216"
    # A gene tied to a condition keeps its symbol's rank: DMD is also Duchenne's abbreviation.
    assert search_ids(client, "DMD")[0] == "DMD"


@pytest.fixture
def with_menkes(client: Client) -> Iterator[Client]:
    """Orphanet 2025-12 lists "MD" as an abbreviation of Menkes disease (ORPHA:565); the
    synonym table is rebuilt so "MD" reads as Menkes disease, as on the loaded site."""
    menkes = create_condition(
        "ORPHA:565",
        "Menkes disease",
        "A multisystemic lethal disorder of copper metabolism, with progressive "
        "neurodegeneration and connective tissue disturbances.",
        [("MD", SynonymKind.SYNONYM), ("Menkes syndrome", SynonymKind.SYNONYM)],
    )
    with indexed("condition", [menkes]):
        rebuild(progress=False)
        yield client
    rebuild(progress=False)


@pytest.mark.parametrize("query", ["Becker MD", "becker md"])
def test_a_named_word_before_an_abbreviation_reads_as_the_whole_abbreviation(
    with_menkes: Client, query: str
) -> None:
    # Before: "MD" read as Menkes disease alone; OpenSearch answered Menkes disease first.
    assert search_ids(with_menkes, query)[0] == "ORPHA:98895"


@pytest.fixture
def with_mps1(client: Client) -> Iterator[Client]:
    """ORPHA:579 as Orphanet 2025-12 names it, with its abbreviations, and IDUA (HGNC aliases
    MPS1 and MPSI) tied to it; the synonym table is rebuilt with the gene's aliases."""
    mps1 = create_condition(
        "ORPHA:579",
        "Mucopolysaccharidosis type 1",
        "A rare lysosomal storage disease belonging to the group of mucopolysaccharidoses.",
        [("MPS1", SynonymKind.SYNONYM), ("MPSI", SynonymKind.SYNONYM)],
    )
    idua = GeneFactory(symbol="IDUA", name="alpha-L-iduronidase", aliases=["MPS1", "MPSI"])
    link = ConditionGeneFactory(condition=mps1, gene=idua)
    with indexed("condition", [mps1]), indexed("gene", [idua]):
        rebuild(progress=False)
        yield client
        link.delete()
    rebuild(progress=False)


@pytest.mark.parametrize("query", ["MPS I", "MPS 1", "MPS type 1", "MPSI"])
def test_an_abbreviation_typed_apart_from_its_number_answers_as_typed_joined(
    with_mps1: Client, query: str
) -> None:
    # Before: the joined keys counted as a synonym's, so IDUA, reached from "mpsi" through its
    # aliases, came first for "MPS I".
    assert search_ids(with_mps1, query)[0] == "ORPHA:579"
