"""Between entries that hold the words typed alike, the title closest to what was typed comes
first on every backend (issue 17), however many other names each entry has. PostgreSQL adds the
title's trigram likeness; on OpenSearch, BM25's length norm over the names favoured the entries
with fewer synonyms, and the title's words hardly told "CLN2 disease" from "Juvenile CLN2
disease": "batten disease cln2" put the three subtypes before CLN2 disease.

Rows: Orphanet ORPHApackets (Dec 2025), names and synonyms as Orphanet gives them: ORPHA:228349
and its subtypes ORPHA:699751, ORPHA:699761, ORPHA:699769, beside the contract data's ORPHA:216
(Neuronal ceroid lipofuscinosis, "Batten disease")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.search.contract.data import indexed, named_condition

pytestmark = pytest.mark.django_db
SUBTYPES = ("ORPHA:699751", "ORPHA:699761", "ORPHA:699769")


@pytest.fixture
def cln2_rows(backend: str) -> Iterator[None]:
    rows = [
        named_condition(
            "ORPHA:228349", "CLN2 disease",
            "Neuronal ceroid lipofuscinosis type 2", "NCL2", "Classic late infantile NCL",
            "Classic late infantile neuronal ceroid lipofuscinosis",
        ),
        named_condition(
            "ORPHA:699751", "Infantile CLN2 disease",
            "Infantile neuronal ceroid lipofuscinosis type 2",
        ),
        named_condition(
            "ORPHA:699761", "Late infantile CLN2 disease",
            "Infantile neuronal ceroid lipofuscinosis type 2",
        ),
        named_condition(
            "ORPHA:699769", "Juvenile CLN2 disease",
            "Juvenile neuronal ceroid lipofuscinosis type 2",
        ),
    ]  # fmt: skip
    with indexed("condition", rows):
        yield


@pytest.mark.usefixtures("cln2_rows")
def test_the_entry_named_as_typed_comes_before_its_subtypes() -> None:
    body = client_from_fresh_address().get("/api/v1/search/", {"q": "batten disease cln2"}).json()
    ids = [hit["id"] for hit in body["results"]]
    assert all(ids.index("ORPHA:228349") < ids.index(subtype) for subtype in SUBTYPES), ids
