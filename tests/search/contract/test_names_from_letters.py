"""Names as a clinic letter or a paper writes them find their record first, on every backend,
through the search API (issue 17):

- a protein named as papers name it ("collagen type VII", "type VII collagen") is the gene
  HGNC names by its chain ("collagen type VII alpha 1 chain"), not the HPO sign whose label
  holds the same words ("Anti-type VII collagen antibody");
- a name Orphanet writes with a leading "Classic" is typed without it ("congenital adrenal
  hyperplasia due to 21 hydroxylase deficiency"), unless another entry holds the rest as its
  name or synonym ("Stiff man syndrome" names Orphanet's whole spectrum).

Rows: HGNC complete set (2024-10) symbols and approved names; HPO 2025-01-16 HP:4000031;
Orphanet ORPHApackets (Dec 2025) names and synonyms of ORPHA:418, 90794, 315306, 3198, 443192.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.factories.knowledge import (
    GeneFactory,
    PhenotypeFactory,
)
from tests.search.contract.data import indexed, named_condition, search_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def collagen_rows(backend: str) -> Iterator[None]:
    genes = [
        GeneFactory(symbol="COL7A1", hgnc_id="HGNC:2214", name="collagen type VII alpha 1 chain"),
        GeneFactory(symbol="COL1A1", hgnc_id="HGNC:2197", name="collagen type I alpha 1 chain"),
        GeneFactory(symbol="COL1A2", hgnc_id="HGNC:2198", name="collagen type I alpha 2 chain"),
    ]
    signs = [PhenotypeFactory(hpo_id="HP:4000031", name="Anti-type VII collagen antibody")]
    with indexed("gene", genes), indexed("phenotype", signs):
        yield


@pytest.mark.usefixtures("collagen_rows")
def test_a_protein_named_as_papers_name_it_is_the_gene_of_its_chain() -> None:
    client = client_from_fresh_address()
    # was: the HPO sign "Anti-type VII collagen antibody" first
    assert search_ids(client, "collagen type vii")[0] == "COL7A1"
    assert search_ids(client, "type VII collagen")[0] == "COL7A1"
    # a protein of two chains is both genes
    assert set(search_ids(client, "collagen type i")[:2]) == {"COL1A1", "COL1A2"}


@pytest.fixture
def classic_rows(backend: str) -> Iterator[None]:
    conditions = [
        named_condition("ORPHA:418", "Congenital adrenal hyperplasia", "CAH"),
        named_condition(
            "ORPHA:90794",
            "Classic congenital adrenal hyperplasia due to 21-hydroxylase deficiency",
            "Classic 21-OHD CAH",
        ),
        named_condition(
            "ORPHA:315306",
            "Classic congenital adrenal hyperplasia due to 21-hydroxylase deficiency, "
            "salt wasting form",
        ),
        named_condition(
            "ORPHA:3198", "Stiff person spectrum disorder", "Stiff man syndrome", "SPS"
        ),
        named_condition(
            "ORPHA:443192", "Classic stiff person syndrome", "Classic stiff man syndrome"
        ),
    ]
    with indexed("condition", conditions):
        yield


@pytest.mark.usefixtures("classic_rows")
def test_a_name_orphanet_writes_with_classic_is_typed_without_it() -> None:
    client = client_from_fresh_address()
    # was: the group "Congenital adrenal hyperplasia" first
    typed = "congenital adrenal hyperplasia due to 21 hydroxylase deficiency"
    assert search_ids(client, typed)[0] == "ORPHA:90794"
    # "stiff person syndrome" is no other entry's name: the classic form is
    assert search_ids(client, "stiff person syndrome")[0] == "ORPHA:443192"
    # ... but "stiff man syndrome" is a synonym of the spectrum, which keeps it
    assert search_ids(client, "stiff man syndrome")[0] == "ORPHA:3198"
