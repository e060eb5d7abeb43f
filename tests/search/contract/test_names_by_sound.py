"""Names typed as they are said (issue 17, sounds26), on every backend: a word more than one slip
from the name's word ("tay sax", "kneeman pick", "batons disease") is read by its sound, and two
words off at once ("hunters syndrom") together, beside the name's other words and only when they
make a document's name; alone, or when the words typed already name a document, nothing is read.

Rows: Orphanet ORPHApackets (Dec 2025) ORPHA:845, ORPHA:216 (with its synonym "Batten disease"),
ORPHA:646, ORPHA:77292 (with its synonym "Niemann-Pick disease type A"), ORPHA:580 (with its
synonym "Hunter syndrome") and ORPHA:500159; OMIM 172700, its title as OMIM writes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory
from tests.search.contract.data import indexed

pytestmark = pytest.mark.django_db


def _condition(curie: str, name: str, *synonyms: str):
    condition = ConditionFactory(primary_id=curie, name=name)
    for text in synonyms:
        ConditionSynonymFactory(condition=condition, text=text)
    return condition


@pytest.fixture
def said_rows(backend: str) -> Iterator[None]:
    conditions = [
        _condition("ORPHA:845", "Tay-Sachs disease"),
        _condition("ORPHA:216", "Neuronal ceroid lipofuscinosis", "Batten disease"),
        _condition("ORPHA:646", "Niemann-Pick disease type C"),
        _condition(
            "ORPHA:77292",
            "Infantile neurovisceral acid sphingomyelinase deficiency",
            "Niemann-Pick disease type A",
        ),
        _condition("OMIM:172700", "Pick disease of brain"),
        _condition("ORPHA:580", "Mucopolysaccharidosis type 2", "Hunter syndrome"),
        # Orphanet writes this name "... syndrom": the index holds the slip once, so it is no
        # unknown word to correct alone
        _condition(
            "ORPHA:500159",
            "Microcephaly-corpus callosum and cerebellar vermis hypoplasia-facial "
            "dysmorphism-intellectual disability syndrom",
        ),
    ]
    with indexed("condition", conditions):
        yield


@pytest.mark.usefixtures("said_rows")
@pytest.mark.parametrize(
    ("query", "first", "proposed"),
    [
        # two slips from "sachs", one from no word the name holds (was: no proposal)
        ("tay sax", "ORPHA:845", "Tay-Sachs"),
        ("tay sax life expectancy", "ORPHA:845", "Tay-Sachs life expectancy"),
        # three slips from "niemann" (was: no proposal, Pick disease of brain first)
        ("kneeman pick", "ORPHA:646", "Niemann-Pick"),
        # a possessive typed without its apostrophe, two slips from "batten" (was: none)
        ("batons disease", "ORPHA:216", "Batten disease"),
        # two words off at once: no one word's reading makes a name (was: none, the
        # "syndrom" entry first)
        ("hunters syndrom", "ORPHA:580", "Hunter syndrome"),
    ],
)
def test_a_name_typed_as_it_is_said_is_read_by_its_sound(
    query: str, first: str, proposed: str
) -> None:
    response = run_search(SearchRequest(query=query))
    assert response.did_you_mean == proposed
    assert response.hits[0].id == first


@pytest.mark.usefixtures("said_rows")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        # alone, a word is no name: "sax" stays "sax"
        ("sax", None),
        # the words name a document as typed: nothing is read
        ("pick disease", "OMIM:172700"),
        ("batten disease", "ORPHA:216"),
    ],
)
def test_a_word_alone_or_a_name_that_matched_is_not_read_by_sound(
    query: str, first: str | None
) -> None:
    response = run_search(SearchRequest(query=query))
    assert response.did_you_mean is None
    assert (response.hits[0].id if response.hits else None) == first
