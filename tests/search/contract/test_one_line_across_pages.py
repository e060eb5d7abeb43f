"""One line per name across the pages of a search, on every backend, through the search API
(issue 17).

A twin (another source's entry with an Orphanet disease's very name, a sign named as a
condition is) was folded into its line only when both stood on one page: with the disease on
page 1 and the twin on page 2, page 2 showed the name again on a line of its own, and page 1's
line did not list it. The counts stay exact and every counted record is still reachable, on its
line.

Rows: Orphanet ORPHApackets (Dec 2025) ORPHA:821; OMIM 117550 (with its synonym "chromosome
5q35 deletion syndrome", as the default install's OMIM rows hold it) and 140300, DECIPHER 17,
titled as HPO's phenotype.hpoa (2025-01-16) writes them; HPO (2025-01-16) HP:0000872
"Hashimoto thyroiditis"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.factories.knowledge import (
    PhenotypeFactory,
)
from tests.search.contract.data import indexed, named_condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin_rows(backend: str) -> Iterator[None]:
    conditions = [
        named_condition("ORPHA:821", "Sotos syndrome"),
        named_condition("OMIM:117550", "Sotos syndrome", "chromosome 5q35 deletion syndrome"),
        named_condition("DECIPHER:17", "Sotos syndrome"),
        named_condition("OMIM:140300", "Hashimoto thyroiditis"),
    ]
    signs = [PhenotypeFactory(hpo_id="HP:0000872", name="Hashimoto thyroiditis")]
    with indexed("condition", conditions), indexed("phenotype", signs):
        yield


def _page(q: str, page: int, page_size: int = 1) -> dict:
    client = client_from_fresh_address()
    return client.get("/api/v1/search/", {"q": q, "page": page, "page_size": page_size}).json()


def _lines(body: dict) -> list[tuple[str, set[str]]]:
    return [(hit["id"], {twin["id"] for twin in hit["also"]}) for hit in body["results"]]


@pytest.mark.usefixtures("twin_rows")
def test_twins_ranked_on_later_pages_are_on_the_first_pages_line() -> None:
    first = _page("sotos syndrome", 1)
    # was: ORPHA:821 alone, OMIM:117550 on page 2 and DECIPHER:17 on page 3 on lines of their own
    assert _lines(first) == [("ORPHA:821", {"OMIM:117550", "DECIPHER:17"})]
    assert first["total"] == 3  # every record is counted
    later = [hit["id"] for page in (2, 3) for hit in _page("sotos syndrome", page)["results"]]
    assert "OMIM:117550" not in later
    assert "DECIPHER:17" not in later


@pytest.mark.usefixtures("twin_rows")
def test_a_sign_on_another_page_is_on_its_conditions_line() -> None:
    assert _lines(_page("hashimoto thyroiditis", 1)) == [("OMIM:140300", {"HP:0000872"})]
    assert "HP:0000872" not in [hit["id"] for hit in _page("hashimoto thyroiditis", 2)["results"]]


@pytest.mark.usefixtures("twin_rows")
def test_every_counted_record_is_reachable_on_some_line() -> None:
    size = 2
    total = _page("sotos syndrome", 1, size)["total"]
    shown = [
        record
        for page in range(1, -(-total // size) + 1)
        for line, twins in _lines(_page("sotos syndrome", page, size))
        for record in (line, *twins)
    ]
    assert sorted(shown) == sorted({"ORPHA:821", "OMIM:117550", "DECIPHER:17"})


@pytest.mark.usefixtures("twin_rows")
def test_a_twin_whose_disease_does_not_match_keeps_its_own_line() -> None:
    # Only OMIM's entry holds this name: its Orphanet twin is not a result, so it is shown.
    assert _lines(_page("chromosome 5q35 deletion syndrome", 1)) == [("OMIM:117550", set())]
