"""Between two entries the words typed match alike, the one whose title is closer to what was
typed comes first on every backend (issue 17): PostgreSQL adds the title's likeness; OpenSearch
scored the text alone, and the bare DECIPHER entry (one short name) outranked Orphanet's.

Rows: Orphanet ORPHApackets (Dec 2025) ORPHA:101081 "Charcot-Marie-Tooth disease type 1A"
with its synonyms "CMT1A" and "Microduplication 17p12"; DECIPHER 29 "Charcot-Marie-Tooth syndrome type 1A (CMT1A)", as HPO's
phenotype.hpoa (2025-01-16) writes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._shared import client_from_fresh_address
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory
from tests.search.contract.data import indexed

pytestmark = pytest.mark.django_db


@pytest.fixture
def cmt_rows(backend: str) -> Iterator[None]:
    orphanet = ConditionFactory(
        primary_id="ORPHA:101081", name="Charcot-Marie-Tooth disease type 1A", slug="cmt1a-orpha"
    )
    for text in ("CMT1A", "Microduplication 17p12"):
        ConditionSynonymFactory(condition=orphanet, text=text)
    decipher = ConditionFactory(
        primary_id="DECIPHER:29",
        name="Charcot-Marie-Tooth syndrome type 1A (CMT1A)",
        slug="cmt1a-decipher",
    )
    with indexed("condition", [orphanet, decipher]):
        yield


@pytest.mark.usefixtures("cmt_rows")
def test_the_title_closer_to_the_words_typed_comes_first() -> None:
    body = (
        client_from_fresh_address()
        .get("/api/v1/search/", {"q": "charcot marie tooth type 1a"})
        .json()
    )
    assert [hit["id"] for hit in body["results"]][:2] == ["ORPHA:101081", "DECIPHER:29"]
