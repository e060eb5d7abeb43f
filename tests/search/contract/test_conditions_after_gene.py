"""A gene symbol typed alone or with "gene" ("CFTR", "cftr gene") answers the gene, then the
conditions Orphanet says it causes: before the genes that only share its letters (an antisense
RNA, a pseudogene) and before a condition it only raises the chance of. Page and API, on every
backend. Rows as Orphanet (2025-12) and HGNC give them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import ConditionGene, Gene
from search.indexer import index_objects
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    create_gene,
    indexed,
    link_gene,
    search_ids,
)

pytestmark = pytest.mark.django_db

CAUSES = "Disease-causing germline mutation(s) (loss of function) in"


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    """The contract data (cystic fibrosis tied to CFTR) with Orphanet's association types, plus
    CFTR's antisense RNA and pseudogene and two more conditions tied to CFTR."""
    client = client_over_contract_phenotypes()
    cftr = Gene.objects.get(symbol="CFTR")
    link = ConditionGene.objects.get(gene=cftr, condition__primary_id="ORPHA:586")
    link.association = CAUSES
    link.save()
    genes = [
        create_gene("CFTR-AS1", "HGNC:40144", "CFTR antisense RNA 1", "non-coding RNA"),
        create_gene("CFTRP1", "HGNC:16182", "CFTR pseudogene 1", "pseudogene"),
    ]
    vas_deferens = create_condition(
        "ORPHA:48", "Congenital bilateral absence of vas deferens", "", []
    )
    infertility = create_condition(
        "ORPHA:399805",
        "Male infertility with azoospermia or oligozoospermia due to single gene mutation",
        "",
        [],
    )
    link_gene(vas_deferens, cftr, "Disease-causing germline mutation(s) in")
    link_gene(infertility, cftr, "Major susceptibility factor in")
    try:
        with indexed("gene", genes), indexed("condition", [vas_deferens, infertility]):
            index_objects("gene", [cftr.pk])
            index_objects("condition", [link.condition_id])
            yield client
    finally:
        link.association = ""
        link.save()
        index_objects("gene", [cftr.pk])
        index_objects("condition", [link.condition_id])


@pytest.mark.parametrize("query", ["CFTR", "cftr gene", "CFTR mutation"])
def test_a_gene_typed_alone_is_followed_by_the_conditions_it_causes(
    client: Client, query: str
) -> None:
    # Before: CFTR, then its antisense RNA and pseudogene (the symbol is a word of their names),
    # then the conditions, in no order of cause.
    ids = search_ids(client, query)
    assert ids[0] == "CFTR"
    assert set(ids[1:3]) == {"ORPHA:586", "ORPHA:48"}
    assert ids.index("ORPHA:399805") > 2
    html = client.get("/search", {"q": query}).content.decode()
    assert html.index("/genes/CFTR/") < html.index("Cystic fibrosis") < html.index("CFTR-AS1")


def test_a_report_line_on_the_gene_is_followed_by_the_conditions_it_causes(
    client: Client,
) -> None:
    line = "CFTR c.1521_1523del (p.Phe508del) / c.1624G>T (p.Gly542Ter)"
    ids = search_ids(client, line)
    assert ids[0] == "CFTR"
    assert set(ids[1:3]) == {"ORPHA:586", "ORPHA:48"}
