"""A name spelled the British way ("haemophilia", "leukaemia") finds what the sources spell the
American way, and is not offered a correction: both spellings are right."""

from __future__ import annotations

import pytest

from search.indexer import rebuild
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import ConditionFactory, PhenotypeFactory

POSTGRES = "search.backends.postgres.backend.PostgresBackend"


@pytest.fixture
def indexed(settings) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    settings.OPENSEARCH_URL = ""
    ConditionFactory(primary_id="ORPHA:98878", name="Hemophilia A")
    ConditionFactory(primary_id="ORPHA:519", name="Acute myeloid leukemia")
    # Orphanet writes a few names the British way; they must still match as typed.
    ConditionFactory(
        primary_id="ORPHA:86845",
        name="Acute myeloid leukaemia with myelodysplasia-related features",
    )
    ConditionFactory(primary_id="ORPHA:1199", name="Esophageal atresia")
    PhenotypeFactory(hpo_id="HP:0002032", name="Esophageal atresia")
    rebuild(progress=False)


def _search(query: str) -> dict:
    return client_from_fresh_address().get("/api/v1/search/", {"q": query}).json()


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("haemophilia A", "ORPHA:98878"),
        ("HAEMOPHILIA A", "ORPHA:98878"),
        ("haemophilia", "ORPHA:98878"),
        ("oesophageal atresia", "ORPHA:1199"),
    ],
)
def test_a_british_spelling_finds_the_american_name_first(query: str, expected: str) -> None:
    body = _search(query)
    assert body["results"][0]["id"] == expected
    assert body["did_you_mean"] is None


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed")
def test_the_page_offers_no_correction_for_a_british_spelling() -> None:
    html = client_from_fresh_address().get("/search", {"q": "haemophilia A"}).content.decode()
    assert "Did you mean" not in html
    assert "Hemophilia A" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    ("typed", "name"),
    [("haemoph", "Hemophilia A"), ("oesophag", "Esophageal atresia")],
)
def test_autocomplete_suggests_the_name_a_british_spelling_begins(typed: str, name: str) -> None:
    body = client_from_fresh_address().get("/api/v1/search/autocomplete/", {"q": typed}).json()
    assert name in [suggestion["name"] for suggestion in body["results"]]


@pytest.mark.parametrize(
    ("typed", "american"),
    [
        ("lymphoedema", "lymphedema"),
        ("gastro-oesophageal reflux", "gastro-esophageal reflux"),
        ("metachromatic leucodystrophy", "metachromatic leukodystrophy"),
        # American already, or spelled so everywhere: left alone.
        ("hereditary angioedema", None),
        ("tracheoesophageal fistula", None),
        ("Haemophilus influenzae", None),
        ("leucine", None),
    ],
)
def test_only_british_word_parts_are_read_the_american_way(
    typed: str, american: str | None
) -> None:
    from search.spelled_british import american_spelling

    assert american_spelling(typed) == american


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed")
def test_autocomplete_asks_for_both_spellings_at_once() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        body = client_from_fresh_address().get("/api/v1/search/autocomplete/", {"q": "leukaem"})
    names = [suggestion["name"] for suggestion in body.json()["results"]]
    # the sources' spelling first, then the name written the British way
    assert names == [
        "Acute myeloid leukemia",
        "Acute myeloid leukaemia with myelodysplasia-related features",
    ]
    asked = [q["sql"] for q in queries.captured_queries if "e.autocomplete @@" in q["sql"]]
    assert len(asked) == 1  # was two: one per spelling
