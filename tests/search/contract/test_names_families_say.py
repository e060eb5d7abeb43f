"""Condition names as families type them (issue 17), on every backend, through the search API:
an eponym's possessive without its apostrophe ("hashimotos disease"), a head word the official
name lacks (Hashimoto thyroiditis), a qualifier it opens with ("Primary Sjögren disease"), the
bare name of a disease whose numbered types share it ("parkinsons disease"), and a name typed
alone as it is said ("chrons", "crones"), which the spelling read as a gene's alias or an
ordinary word.

Rows: OMIM 140300, 168600, 616361, 614203, 610297 and 266600, their titles as HPO's
phenotype.hpoa (2025-01-16) writes them; Orphanet ORPHApackets (Dec 2025) ORPHA:85138,
ORPHA:289390 (with its synonym "Primary Sjögren syndrome"), ORPHA:559, ORPHA:816 and ORPHA:2719
(with its synonym "Cross syndrome"), ORPHA:87 and ORPHA:660053 (Psittacosis, with its
synonym "Parrot disease"); HGNC complete set: CIART, whose alias is CHRONO."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.factories.knowledge import GeneFactory
from tests.search.contract.data import indexed, named_condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_rows(backend: str) -> Iterator[None]:
    conditions = [
        named_condition("OMIM:140300", "Hashimoto thyroiditis"),
        named_condition("ORPHA:85138", "Addison disease", "Autoimmune Addison disease"),
        named_condition("OMIM:168600", "Parkinson disease, late-onset"),
        named_condition("OMIM:616361", "Parkinson disease 21"),
        named_condition("OMIM:614203", "Parkinson disease 17"),
        named_condition("OMIM:610297", "Parkinson disease 13"),
        named_condition("ORPHA:289390", "Primary Sjögren disease", "Primary Sjögren syndrome"),
        named_condition("ORPHA:559", "Marinesco-Sjögren syndrome"),
        named_condition("ORPHA:816", "Sjögren-Larsson syndrome"),
        named_condition("OMIM:266600", "Inflammatory bowel disease 1, Crohn disease"),
        named_condition(
            "ORPHA:2719", "Oculocerebral hypopigmentation syndrome, Cross type", "Cross syndrome"
        ),
        named_condition("ORPHA:87", "Apert syndrome"),
        named_condition("ORPHA:660053", "Psittacosis", "Parrot disease"),
    ]
    gene = GeneFactory(
        symbol="CIART",
        hgnc_id="HGNC:25200",
        name="circadian associated repressor of transcription",
        aliases=["CHRONO"],
    )
    with indexed("condition", conditions), indexed("gene", [gene]):
        yield


def _answer(q: str) -> tuple[str | None, list[str]]:
    body = client_from_fresh_address().get("/api/v1/search/", {"q": q}).json()
    return body["did_you_mean"], [hit["id"] for hit in body["results"]]


@pytest.mark.usefixtures("named_rows")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        # the general head word weighed Addison disease up (was: Addison disease first)
        ("hashimotos disease", "OMIM:140300"),
        ("hashimoto's disease", "OMIM:140300"),
        # the bare name means the disease itself (was: Parkinson disease 21, 17, 13 first)
        ("parkinsons disease", "OMIM:168600"),
        ("parkinson's disease", "OMIM:168600"),
        ("parkinsons", "OMIM:168600"),
        # Sjögren's syndrome is the primary one (was: Marinesco-Sjögren syndrome first)
        ("sjogrens syndrome", "ORPHA:289390"),
    ],
)
def test_a_name_as_families_type_it_answers_the_condition_it_means(query: str, first: str) -> None:
    did_you_mean, ids = _answer(query)
    assert ids[0] == first
    assert did_you_mean is None


@pytest.mark.usefixtures("named_rows")
def test_the_numbered_types_stay_listed_below_the_disease_itself() -> None:
    _, ids = _answer("parkinsons disease")
    assert ids[0] == "OMIM:168600"
    assert {"OMIM:616361", "OMIM:614203", "OMIM:610297"} <= set(ids[1:])


@pytest.mark.usefixtures("named_rows")
@pytest.mark.parametrize(
    ("query", "proposed", "first"),
    [
        # was: "did you mean chrono", the gene CIART (whose alias is CHRONO)
        ("chrons", "crohns", "OMIM:266600"),
        # was: "did you mean cross" (Cross syndrome, said K-R-S, not like "crones")
        ("crones", "crohns", "OMIM:266600"),
        # a possessive without its apostrophe, two letters swapped (was: no proposal, nothing)
        ("sjorgens syndrome", "sjogren syndrome", "ORPHA:289390"),
    ],
)
def test_a_name_typed_as_it_is_said_is_read_as_the_condition(
    query: str, proposed: str, first: str
) -> None:
    did_you_mean, ids = _answer(query)
    assert did_you_mean == proposed
    assert ids[0] == first


@pytest.mark.usefixtures("named_rows")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        # a name typed as a document writes it wins over any reading
        ("addison disease", "ORPHA:85138"),
        ("parkinson disease 21", "OMIM:616361"),
        ("marinesco sjogren syndrome", "ORPHA:559"),
        ("cross syndrome", "ORPHA:2719"),
        ("chrono", "CIART"),
    ],
)
def test_a_name_typed_right_keeps_its_answer(query: str, first: str) -> None:
    did_you_mean, ids = _answer(query)
    assert did_you_mean is None
    assert ids[0] == first


@pytest.mark.usefixtures("named_rows")
def test_a_name_with_the_other_head_word_is_not_a_slip_of_another_name() -> None:
    # Was: "did you mean parrot disease", psittacosis first (Apert said like "parrot").
    did_you_mean, ids = _answer("apert disease")
    assert did_you_mean is None
    assert ids[0] == "ORPHA:87"
