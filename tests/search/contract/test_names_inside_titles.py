"""An eponym mistyped where the official name holds it inside a longer name (issue 17), on every
backend, through the search API: "tourets syndrome" is Gilles de la Tourette syndrome, as
"asbergers syndrome" is "Asperger syndrome, susceptibility to, 1"; the name a slip is read into
may end the official name or open it up to its head word, not only be the whole of it.

Rows: OMIM 137580, 608638 and 266600, their titles as HPO's phenotype.hpoa (2025-01-16) writes
them; Orphanet ORPHApackets (Dec 2025) ORPHA:778 and ORPHA:3380 (with its synonym "Edwards
syndrome", said like "turrets" but spelled far from it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.search.contract.data import indexed, named_condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def inner_rows(backend: str) -> Iterator[None]:
    conditions = [
        named_condition("OMIM:137580", "Gilles de la tourette syndrome"),
        named_condition("OMIM:608638", "Asperger syndrome, susceptibility to, 1"),
        named_condition("OMIM:266600", "Inflammatory bowel disease 1, Crohn disease"),
        named_condition("ORPHA:778", "Rett syndrome"),
        named_condition("ORPHA:3380", "Trisomy 18", "Edwards syndrome"),
    ]
    with indexed("condition", conditions):
        yield


def _answer(q: str) -> tuple[str | None, list[str]]:
    body = client_from_fresh_address().get("/api/v1/search/", {"q": q}).json()
    return body["did_you_mean"], [hit["id"] for hit in body["results"]]


@pytest.mark.usefixtures("inner_rows")
@pytest.mark.parametrize(
    ("query", "first", "proposed"),
    [
        # two slips from "tourette", which ends the official name (was: Rett syndrome first)
        ("tourets syndrome", "OMIM:137580", "tourette syndrome"),
        # said as "tourette" is, four slips from it (was: Rett syndrome first)
        ("turrets syndrome", "OMIM:137580", "tourette syndrome"),
        # the name opens the official one, up to its head word (was: nothing)
        ("asbergers syndrome", "OMIM:608638", "Asperger syndrome"),
        # the name ends the official one after a comma (was: nothing)
        ("crones disease", "OMIM:266600", "crohn disease"),
    ],
)
def test_a_slip_is_read_into_the_name_a_longer_official_name_holds(
    query: str, first: str, proposed: str
) -> None:
    did_you_mean, ids = _answer(query)
    assert did_you_mean == proposed
    assert ids[0] == first


@pytest.mark.usefixtures("inner_rows")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        # the name as typed already stands inside the official name: nothing is read
        ("tourette syndrome", "OMIM:137580"),
        # a possessive typed without its apostrophe found the name: it is not rewritten
        ("tourettes", "OMIM:137580"),
        ("aspergers syndrome", "OMIM:608638"),
        # a whole name typed right is never read into another
        ("rett syndrome", "ORPHA:778"),
        ("edwards syndrome", "ORPHA:3380"),
    ],
)
def test_a_name_typed_right_is_not_read_into_another(query: str, first: str) -> None:
    did_you_mean, ids = _answer(query)
    assert did_you_mean is None
    assert ids[0] == first
