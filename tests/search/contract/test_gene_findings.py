"""A gene symbol typed with what the genetic report found ("DMD deletion", "SMN1 deletion",
"mutation in CFTR") answers the gene first, as the symbol typed alone does: no document holds
the finding's word beside the symbol. Page and API, on every backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    indexed,
    search_ids,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    """The contract data plus two Orphanet 2025-12 entries whose text holds a finding's word:
    every word of "DMD deletion" (DMD read as Duchenne muscular dystrophy) is in the first."""
    client = client_over_contract_phenotypes()
    added = [
        create_condition(
            "ORPHA:261476",
            "Xp21 deletion syndrome",
            "A rare chromosomal anomaly characterized by complex glycerol kinase deficiency, "
            "congenital adrenal hypoplasia, intellectual disability and/or Duchenne muscular "
            "dystrophy that usually affect males. The clinical features depend on the deletion "
            "size and the number and type of involved genes.",
            [],
        ),
        create_condition("ORPHA:228145", "Multiple sclerosis variant", "", []),
    ]
    with indexed("condition", added):
        yield client


@pytest.mark.parametrize(
    ("query", "gene"),
    [
        # Before: "deletion" had to match too, so "DMD deletion" answered Xp21 deletion
        # syndrome alone, and the gene was missing.
        ("DMD deletion", "DMD"),
        ("SMN1 deletion", "SMN1"),
        ("mutation in CFTR", "CFTR"),
        ("CFTR variants", "CFTR"),
    ],
)
def test_a_gene_typed_with_its_finding_answers_the_gene_first(
    client: Client, query: str, gene: str
) -> None:
    assert search_ids(client, query)[0] == gene
    html = client.get("/search", {"q": query}).content.decode()
    assert f"/genes/{gene}/" in html
