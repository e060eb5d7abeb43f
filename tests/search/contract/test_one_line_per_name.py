"""One line per name on the results page, and a person's name typed with either head word, on
every backend, through the search API and the page (issue 17).

Orphanet, OMIM and DECIPHER each hold "Sotos syndrome": the page showed the name three times.
HPO names signs as the disease is named ("Hashimoto thyroiditis", "Crohn's disease"): the sign
came first, or the name twice in a row. A family types a person's name with the head word the
official name lacks ("hashimoto disease", "graves syndrome", "pompe syndrome", "crohn
syndrome"): the general word "disease" or "syndrome" weighed another condition up.

Rows (beside the contract data's ORPHA:365, "Pompe disease"): Orphanet ORPHApackets (Dec 2025)
ORPHA:821 and ORPHA:85138; OMIM 117550, 140300, 275000 and 266600 and DECIPHER 17, their titles as HPO's
phenotype.hpoa (2025-01-16) writes them; HPO (2025-01-16) HP:0000872 "Hashimoto thyroiditis",
HP:0100280 "Crohn's disease" and HP:0002495 "Impaired vibratory sensation"."""

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
def named_rows(backend: str) -> Iterator[None]:
    conditions = [
        named_condition("ORPHA:821", "Sotos syndrome"),
        named_condition("OMIM:117550", "Sotos syndrome"),
        named_condition("DECIPHER:17", "Sotos syndrome"),
        named_condition("OMIM:140300", "Hashimoto thyroiditis"),
        named_condition("ORPHA:85138", "Addison disease", "Autoimmune Addison disease"),
        named_condition("OMIM:275000", "Graves disease"),
        named_condition("OMIM:266600", "Inflammatory bowel disease 1, Crohn disease"),
    ]
    signs = [
        PhenotypeFactory(hpo_id="HP:0000872", name="Hashimoto thyroiditis"),
        PhenotypeFactory(hpo_id="HP:0100280", name="Crohn's disease"),
        PhenotypeFactory(hpo_id="HP:0002495", name="Impaired vibratory sensation"),
    ]
    with indexed("condition", conditions), indexed("phenotype", signs):
        yield


def _body(q: str) -> dict:
    return client_from_fresh_address().get("/api/v1/search/", {"q": q}).json()


@pytest.mark.usefixtures("named_rows")
def test_the_records_of_one_disease_are_one_line_the_orphanet_one() -> None:
    body = _body("sotos syndrome")
    lines = [hit["id"] for hit in body["results"]]
    assert lines == ["ORPHA:821"]  # was: ORPHA:821, OMIM:117550, DECIPHER:17
    assert {twin["id"] for twin in body["results"][0]["also"]} == {"OMIM:117550", "DECIPHER:17"}
    assert body["total"] == 3  # every record is counted, each shown on the line


@pytest.mark.usefixtures("named_rows")
def test_a_sign_of_a_conditions_very_name_is_on_the_conditions_line() -> None:
    body = _body("hashimoto thyroiditis")
    first = body["results"][0]
    assert first["id"] == "OMIM:140300"
    assert [twin["id"] for twin in first["also"]] == ["HP:0000872"]
    assert "HP:0000872" not in [hit["id"] for hit in body["results"]]


@pytest.mark.usefixtures("named_rows")
def test_the_page_shows_the_name_once_with_a_link_to_each_twin() -> None:
    html = client_from_fresh_address().get("/search", {"q": "sotos syndrome"}).content.decode()
    assert html.count('class="search-hit search-hit-condition"') == 1
    assert "Same name, also in:" in html
    assert ">OMIM:117550</a>" in html
    assert ">DECIPHER:17</a>" in html


@pytest.mark.usefixtures("named_rows")
@pytest.mark.parametrize("query", ["crohn disease", "crohns disease"])
def test_a_condition_holding_a_signs_name_comes_before_the_sign(query: str) -> None:
    ids = [hit["id"] for hit in _body(query)["results"]]
    assert ids[:2] == ["OMIM:266600", "HP:0100280"]  # was: the sign first


@pytest.mark.usefixtures("named_rows")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        # no possessive, a head word the official name lacks (was: Addison disease first)
        ("hashimoto disease", "OMIM:140300"),
        ("hashimoto syndrome", "OMIM:140300"),
        # a one-word name with the other head word
        ("graves syndrome", "OMIM:275000"),
        ("pompe syndrome", "ORPHA:365"),
        ("addison syndrome", "ORPHA:85138"),
        # a name held inside a longer title, with the other head word
        ("crohn syndrome", "OMIM:266600"),
    ],
)
def test_a_persons_name_with_either_head_word_answers_its_condition(query: str, first: str) -> None:
    assert _body(query)["results"][0]["id"] == first


@pytest.mark.usefixtures("named_rows")
@pytest.mark.parametrize(
    ("query", "first"), [("addison disease", "ORPHA:85138"), ("graves disease", "OMIM:275000")]
)
def test_a_name_typed_as_a_document_writes_it_keeps_its_answer(query: str, first: str) -> None:
    assert _body(query)["results"][0]["id"] == first
