"""A group named in the plural ("mucopolysaccharidoses", "muscular dystrophies") finds the
entry named in the singular, with no correction offered: the plural is a right word."""

from __future__ import annotations

import pytest

from search.indexer import rebuild
from search.plurals import singular_form
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import ConditionFactory

POSTGRES = "search.backends.postgres.backend.PostgresBackend"


@pytest.fixture
def indexed(settings) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    settings.OPENSEARCH_URL = ""
    ConditionFactory(primary_id="ORPHA:79213", name="Mucopolysaccharidosis")
    ConditionFactory(primary_id="ORPHA:579", name="Mucopolysaccharidosis type 1")
    ConditionFactory(primary_id="ORPHA:98473", name="Muscular dystrophy")
    ConditionFactory(primary_id="ORPHA:98896", name="Duchenne muscular dystrophy")
    rebuild(progress=False)


@pytest.mark.django_db
@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    ("query", "expected"),
    [("mucopolysaccharidoses", "ORPHA:79213"), ("muscular dystrophies", "ORPHA:98473")],
)
def test_a_group_named_in_the_plural_finds_its_entry_without_a_correction(
    query: str, expected: str
) -> None:
    body = client_from_fresh_address().get("/api/v1/search/", {"q": query}).json()
    assert body["results"][0]["id"] == expected
    assert body["did_you_mean"] is None


@pytest.mark.parametrize(
    ("typed", "singular"),
    [
        ("neuronal ceroid lipofuscinoses", "neuronal ceroid lipofuscinosis"),
        ("glycogen storage diseases", "glycogen storage disease"),
        # singular already, or a word that only ends in "s"
        ("cystic fibrosis", None),
        ("rickets", None),
        ("scabies", None),
    ],
)
def test_only_plural_medical_nouns_are_read_singular(typed: str, singular: str | None) -> None:
    assert singular_form(typed) == singular
