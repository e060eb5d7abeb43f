"""Results that score the same come in one order on every backend (issue 17): the shorter title
first, then by the title, as PostgreSQL orders them. OpenSearch broke ties by the document's
stored id, so sibling genes that every word typed matches alike ("glucose-6-phosphatase":
G6PC1, G6PC2, G6PC3) came in the order they were stored.

Rows: HGNC's complete set (symbols, ids and approved names as HGNC gives them), stored in the
reverse of their names' order so that the stored order is not the names'."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.search.contract.data import create_gene, indexed, search_ids

pytestmark = pytest.mark.django_db
SIBLINGS = (
    ("G6PC3", "HGNC:24861", "glucose-6-phosphatase catalytic subunit 3"),
    ("G6PC2", "HGNC:28906", "glucose-6-phosphatase catalytic subunit 2"),
    ("G6PC1", "HGNC:4056", "glucose-6-phosphatase catalytic subunit 1"),
)


@pytest.fixture
def sibling_genes(backend: str) -> Iterator[None]:
    with indexed("gene", [create_gene(*row) for row in SIBLINGS]):
        yield


@pytest.mark.usefixtures("sibling_genes")
def test_genes_matched_alike_come_in_the_order_of_their_names() -> None:
    ids = search_ids(client_from_fresh_address(), "glucose-6-phosphatase catalytic subunit")
    siblings = [hit for hit in ids if hit.startswith("G6PC")]
    assert siblings == ["G6PC1", "G6PC2", "G6PC3"], ids
