"""When a query is retried with any word: the start of a long name that found its document is
not widened; a long name whose matches are strays is."""

from __future__ import annotations

import pytest

from search.analysis import analyze

pytestmark = pytest.mark.django_db


def test_a_long_name_is_not_widened_when_a_matched_name_holds_every_word() -> None:
    analysis = analyze("ZNF652P1: zinc finger")
    named = ["ZNF652P1: zinc finger protein 652 pseudogene 1"]
    assert not analysis.should_widen(1, titles=lambda: named)


def test_a_long_name_whose_matches_are_strays_is_widened() -> None:
    # Every word in the text of two documents, in neither's name.
    analysis = analyze("5q spinal muscular atrophy")
    strays = ["Chromosome 5q deletion", "Lower motor neuron disease"]
    assert analysis.should_widen(2, titles=lambda: strays)


def test_the_names_are_asked_only_for_a_long_name_with_a_few_matches() -> None:
    def never() -> list[str]:
        raise AssertionError("titles asked for")

    assert not analyze("ZNF652P1: zinc finger").should_widen(40, titles=never)
    assert analyze("ZNF652P1: zinc finger").should_widen(0, titles=never)
    assert not analyze("pompe").should_widen(1, titles=never)
