"""A karyotype's rearrangement ("46,XX,t(11;22)(q23;q11.2)", "inv(16)(p13.1q22)") is read as
one: the conditions whose names carry it, and a plain reading; a rearrangement nothing is named
for says so and links DECIPHER. A loss at an arm's end finds the syndrome named for the arm's
loss ("Monosomy 5p") as named for it. Page and API, on every backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import SynonymKind
from tests.search.contract.data import (
    api_search,
    client_over_contract_phenotypes,
    create_condition,
    indexed,
)

pytestmark = pytest.mark.django_db

SYNONYM = SynonymKind.SYNONYM


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    """The contract data plus Orphanet 2025-12's names (and synonyms as Orphanet gives them)
    for Emanuel syndrome, two leukemias named for t(9;22), one for inv(16), Cri du chat and
    the partial 5p deletion heading, and Down syndrome."""
    client = client_over_contract_phenotypes()
    conditions = [
        create_condition(
            "ORPHA:96170",
            "Emanuel syndrome",
            "A rare chromosomal anomaly.",
            [("Der(22)t(11;22) syndrome", SYNONYM), ("Supernumerary der(22) syndrome", SYNONYM)],
        ),
        create_condition(
            "ORPHA:585909",
            "B-lymphoblastic leukemia/lymphoma with t(9;22)(q34.1;q11.2)",
            "A rare B-lymphoblastic leukemia.",
            [("B-ALL with t(9;22)(q34.1;q11.2)", SYNONYM)],
        ),
        create_condition(
            "ORPHA:585867",
            "Acute myeloid leukemia with t(9;22)(q34.1;q11.2)",
            "A rare acute myeloid leukemia.",
            [("AML with BCR-ABL1", SYNONYM), ("AML with t(9;22)(q34.1;q11.2)", SYNONYM)],
        ),
        create_condition(
            "ORPHA:98829",
            "Acute myeloid leukemia with abnormal bone marrow eosinophils inv(16)(p13q22) or "
            "t(16;16)(p13;q22)",
            "A rare acute myeloid leukemia.",
            [],
        ),
        create_condition(
            "ORPHA:870",
            "Down syndrome",
            "A rare chromosomal anomaly.",
            [("Trisomy 21", SYNONYM)],
        ),
        create_condition(
            "ORPHA:281",
            "Monosomy 5p syndrome",
            "A rare chromosomal anomaly.",
            [("Cri du chat syndrome", SYNONYM), ("Deletion 5p", SYNONYM)],
        ),
        create_condition(
            "ORPHA:261893",
            "Partial deletion of the short arm of chromosome 5 syndrome",
            "A rare chromosomal anomaly.",
            [("Partial deletion of chromosome 5p", SYNONYM)],
        ),
    ]
    with indexed("condition", conditions):
        yield client


def test_a_balanced_translocation_finds_the_syndrome_named_for_its_derivative(
    client: Client,
) -> None:
    line = "46,XX,t(11;22)(q23;q11.2)"
    body = api_search(client, line)
    assert body["results"][0]["id"] == "ORPHA:96170"
    region = body["region"]
    assert region["read_as"] == (
        "Pieces swapped between chromosomes 11 and 22, at 11q23 and 22q11.2 (a translocation)"
    )
    assert (region["bands"], region["change"], region["found"]) == ("t(11;22)(q23;q11.2)", "", True)
    html = client.get("/search", {"q": line}).content.decode()
    assert "Pieces swapped between chromosomes 11 and 22" in html


def test_a_derivative_and_a_family_s_words_find_it_too(client: Client) -> None:
    body = api_search(client, "47,XY,+der(22)t(11;22)(q23;q11)")
    assert body["results"][0]["id"] == "ORPHA:96170"
    assert body["region"]["read_as"].startswith("An extra chromosome 22 made of parts of")
    family = api_search(client, "my husband carries a balanced translocation t(11;22)")
    assert family["results"][0]["id"] == "ORPHA:96170"
    assert family["described"] is None


def test_a_translocation_finds_every_condition_named_for_it_and_no_other(client: Client) -> None:
    ids = [hit["id"] for hit in api_search(client, "t(9;22)(q34;q11)")["results"]]
    assert sorted(ids[:2]) == ["ORPHA:585867", "ORPHA:585909"]
    assert "ORPHA:96170" not in ids
    inversion = api_search(client, "inv(16)(p13.1q22)")
    assert inversion["results"][0]["id"] == "ORPHA:98829"
    assert inversion["region"]["read_as"] == (
        "A piece of chromosome 16, bands p13.1 to q22, turned the other way (an inversion)"
    )


def test_a_rearrangement_nothing_is_named_for_says_so_and_links_decipher(client: Client) -> None:
    line = "46,XY,t(2;5)(p23;q35)"
    region = api_search(client, line)["region"]
    assert region["found"] is False
    assert region["source_url"] == "https://www.deciphergenomics.org/search?q=2p23"
    html = client.get("/search", {"q": line}).content.decode()
    assert "Nothing in the RareLabs knowledge base is named for this change yet." in html


def test_a_loss_at_the_arm_s_end_finds_the_arm_s_syndrome_as_named(client: Client) -> None:
    body = api_search(client, "46,XY,del(5)(p15.2p15.33)")
    assert [hit["id"] for hit in body["results"][:2]] == ["ORPHA:281", "ORPHA:261893"]
    assert body["region"]["found"] is True
    html = client.get("/search", {"q": "46,XY,del(5)(p15.2p15.33)"}).content.decode()
    assert "Nothing in the RareLabs knowledge base is named for these bands yet." not in html
    assert "Conditions named for a loss of this arm of the chromosome come first." in html


def test_words_beside_a_rearrangement_no_name_carries_keep_their_search(client: Client) -> None:
    body = api_search(client, "down syndrome t(14;21)")
    assert body["results"][0]["id"] == "ORPHA:870"
    assert (
        body["region"]["read_as"]
        == "Pieces swapped between chromosomes 14 and 21 (a translocation)"
    )
    assert body["region"]["found"] is False


# HGNC's rows (shared/data/hgnc) and Orphanet 2025-12's links of ORPHA:585909 with their types.
BREAK_GENES = [
    ("ABL1", "HGNC:76", "ABL proto-oncogene 1, non-receptor tyrosine kinase", "9q34.12",
     "Part of a fusion gene in"),
    ("BCR", "HGNC:1014", "BCR activator of RhoGEF and GTPase", "22q11.23",
     "Part of a fusion gene in"),
    ("FLT3", "HGNC:3765", "fms related receptor tyrosine kinase 3", "13q12.2",
     "Disease-causing somatic mutation(s) in"),
]  # fmt: skip


def test_a_translocation_lists_the_genes_at_its_breaks_that_its_condition_names(
    client: Client,
) -> None:
    # Was: the leukemias only; a breakpoint's genes were never listed.
    from knowledge.models import Condition
    from search.indexer import index_objects
    from tests.search.contract.data import create_gene, link_gene

    leukemia = Condition.objects.get(primary_id="ORPHA:585909")
    genes = []
    for symbol, hgnc_id, name, location, association in BREAK_GENES:
        gene = create_gene(symbol, hgnc_id, name)
        gene.location = location
        gene.save()
        link_gene(leukemia, gene, association)
        genes.append(gene)
    index_objects("condition", [leukemia.pk])
    with indexed("gene", genes):
        body = api_search(client, "46,XY,t(9;22)(q34.1;q11.2)")
        ids = [hit["id"] for hit in body["results"]]
        assert sorted(ids[:2]) == ["ORPHA:585867", "ORPHA:585909"]
        assert ids[2:4] == ["ABL1", "BCR"]
        assert "FLT3" not in ids  # its list names it, but not as fused, and not at a break
        assert "then the genes at its breaks" in body["region"]["note"]
        # Said in words, it names no band: the leukemias, and no gene guessed for it.
        said = api_search(client, "a translocation between chromosomes 9 and 22")
        ids = [hit["id"] for hit in said["results"]]
        assert sorted(ids[:2]) == ["ORPHA:585867", "ORPHA:585909"]
        assert not {"ABL1", "BCR"} & set(ids)
        assert said["region"]["read_as"] == (
            "Pieces swapped between chromosomes 9 and 22 (a translocation)"
        )
    index_objects("condition", [leukemia.pk])


@pytest.mark.parametrize(
    "line",
    [
        "a translocation between chromosomes 11 and 22",
        "my wife has a balanced translocation between chromosome 11 and chromosome 22",
        "balanced translocation 11;22",
    ],
)
def test_a_translocation_said_in_words_is_read_like_its_iscn(client: Client, line: str) -> None:
    # Was: the words' own search (other chromosome 11 and 22 syndromes first).
    body = api_search(client, line)
    assert body["results"][0]["id"] == "ORPHA:96170"
    assert body["region"]["read_as"] == (
        "Pieces swapped between chromosomes 11 and 22 (a translocation)"
    )
    html = client.get("/search", {"q": line}).content.decode()
    assert "Pieces swapped between chromosomes 11 and 22" in html
