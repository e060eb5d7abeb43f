"""Readings fixed from the tuning descriptions (issue 17, D20): "weak" right before the word
it describes is a weakness of that thing, not of the person (plain Python, no database)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

# HPO 2025-01-16: Muscle weakness ("weak", a line of everyday_signs.tsv), Weak cry (its HPO
# name), Lower limb muscle weakness ("weak legs"), Fatigue ("tired").
WEAK = table_of(
    ("weak", "HP:0001324", 0),
    ("weak legs", "HP:0007340", 0),
    ("weak cry", "HP:0001612", 1),
    ("tired", "HP:0012378", 0),
)


@pytest.mark.parametrize(
    "query",
    ["a weak pee stream", "he has a weak grip", "a weak pulse in his feet", "weaker voice"],
)
def test_weak_before_the_word_it_describes_is_not_the_persons_weakness(query: str) -> None:
    assert read(query, WEAK) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he is weak", ["HP:0001324"]),
        ("weak and tired", ["HP:0001324", "HP:0012378"]),
        ("weak, tired", ["HP:0001324", "HP:0012378"]),
        ("she gets weak after walking", ["HP:0001324"]),
        ("weak all the time", ["HP:0001324"]),
        ("weak lately", ["HP:0001324"]),
        # A phrase with the next word still reads, and a later "weak" alone still does.
        ("a weak cry", ["HP:0001612"]),
        ("weak legs", ["HP:0007340"]),
        ("a weak pee stream and he is weak", ["HP:0001324"]),
    ],
)
def test_weak_alone_or_with_its_own_phrase_still_reads(query: str, expected: list[str]) -> None:
    assert read(query, WEAK) == expected
