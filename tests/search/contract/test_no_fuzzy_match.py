"""A misspelt word is read through the analysis's correction, on both backends, never by a
fuzzy match that PostgreSQL does not make.

OpenSearch matched the words as typed fuzzily (one edit for a word of 3-5 letters): "rett"
also matched "rtt", so "rett syndrom" ranked ORPHA:3095, whose synonym is "Atypical RTT",
before ORPHA:778 (issue 17, the judged set's `typo` kind; PostgreSQL answers ORPHA:778).
ORPHA:3095 as the Orphanet ORPHApackets (2025-12) give it: name, both synonyms, and the
first sentence of its definition. On these few rows the Rett case passes with the fuzzy match
too (it guards the order); the "SMN1" case failed once the synonym graph no longer held the
fuzzy match back (the words as typed, matched as written, were fuzzy for the first time).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.models import Condition, SynonymKind
from search.indexer import rebuild, suspend_signals
from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory
from tests.search.contract.data import ORPHANET, READ

pytestmark = pytest.mark.django_db

ATYPICAL = "ORPHA:3095"


@pytest.fixture(scope="module", autouse=True)
def atypical_rett(backend: str, django_db_blocker) -> Iterator[None]:
    """ORPHA:3095 added to the contract data (which holds ORPHA:778), indexed, removed after."""
    with django_db_blocker.unblock():
        with suspend_signals():
            condition = ConditionFactory(
                primary_id=ATYPICAL,
                name="Atypical Rett syndrome",
                definition="A rare genetic neurological disorder characterized by the presence "
                "of two or more of the main criteria for classic Rett syndrome.",
                definition_source=ATYPICAL,
                retrieved_on=READ,
            )
            for text in ("Atypical RTT", "Rett syndrome variant"):
                ConditionSynonymFactory(condition=condition, text=text, kind=SynonymKind.SYNONYM,
                                        source=ORPHANET, source_id=ATYPICAL, retrieved_on=READ)  # fmt: skip
        rebuild(progress=False)
        yield
        with suspend_signals():
            Condition.objects.filter(primary_id=ATYPICAL).delete()
        rebuild(progress=False)


@pytest.mark.parametrize("query", ["rett syndrom", "Rett syndrome"])
def test_the_condition_named_comes_before_its_variant(backend: str, query: str) -> None:
    ids = [hit.id for hit in run_search(SearchRequest(query=query)).hits]
    assert ids[:2] == ["ORPHA:778", ATYPICAL], ids


def test_a_symbol_does_not_match_its_neighbour(backend: str) -> None:
    """ "SMN1" answers what holds SMN1 (the contract data's SMA rows), not the medicines and
    rows that name SMN2 only, one edit away."""
    ids = [hit.id for hit in run_search(SearchRequest(query="SMN1", page_size=50)).hits]
    assert "SMN1" in ids
    assert "nusinersen" not in ids, ids
    assert "risdiplam" not in ids, ids
