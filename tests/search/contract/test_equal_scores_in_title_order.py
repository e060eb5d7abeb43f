"""Results that score the same come in one order on every backend (issue 17): the shorter title
first, then by the folded title, then by the document's uid. OpenSearch broke ties by the uid
alone, so sibling genes that every word typed matches alike ("glucose-6-phosphatase": G6PC1,
G6PC2, G6PC3) came in the order they were stored; PostgreSQL went by the title as written, so
two names the folded title cannot tell apart came in another order than OpenSearch's.

Rows: HGNC's complete set (symbols, ids and approved names as HGNC gives them), stored in the
reverse of their names' order so that the stored order is not the names'."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils.text import slugify

from tests._shared import client_from_fresh_address
from tests.factories.knowledge import ConditionFactory
from tests.search.contract.data import create_gene, indexed, search_ids, search_lines

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


# Orphanet ORPHApackets (Dec 2025): two names the folded title cannot tell apart ("t b severe
# combined immunodeficiency"), of one length. Stored with ids far apart from the other rows, the
# T-B- form first: by the uid it comes first; by the title as written, "+" sorts before "-".
SCID_FORMS = (
    (900_001, "ORPHA:317419", "T-B- severe combined immunodeficiency"),
    (900_002, "ORPHA:317416", "T-B+ severe combined immunodeficiency"),
)


@pytest.fixture
def scid_forms(backend: str) -> Iterator[None]:
    rows = [
        ConditionFactory(pk=pk, primary_id=curie, name=name, slug=slugify(f"{name}-{curie}"))
        for pk, curie, name in SCID_FORMS
    ]
    with indexed("condition", rows):
        yield


@pytest.mark.usefixtures("scid_forms")
def test_names_alike_when_folded_come_in_the_order_they_were_stored() -> None:
    lines = search_lines(client_from_fresh_address(), "severe combined immunodeficiency")
    shown = [curie for line in lines for curie in line if curie in {"ORPHA:317419", "ORPHA:317416"}]
    assert shown == ["ORPHA:317419", "ORPHA:317416"], lines
