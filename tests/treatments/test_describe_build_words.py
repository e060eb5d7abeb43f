"""Misreadings repaired by cause (issue 17, X26): a word for the whole body's build said of a
body part is that part's quality, not the person's build (plain Python, no database)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

# HPO 2025-01-16: Slender build ("thin", a line of everyday_signs.tsv), Short stature ("short",
# its layperson synonym), Fine hair ("wispy hair", its layperson synonym), Thin skin, Short
# finger (HPO names).
BUILD = table_of(
    ("thin", "HP:0001533", 0),
    ("short", "HP:0004322", 0),
    ("wispy hair", "HP:0002213", 2),
    ("thin skin", "HP:0000963", 1),
    ("short fingers", "HP:0001167", 1),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thin wispy hair", ["HP:0002213"]),
        ("very thin in her arms and legs", []),
        ("she is thin in the face", []),
        ("thin lips", []),
        ("short in the legs", []),
        # Said of the part through "is"/"are": the part's quality, not the person's build.
        ("his legs are thin and weak", []),
        ("her arms are short", []),
    ],
)
def test_a_build_word_said_of_a_part_is_not_the_persons_build(
    query: str, expected: list[str]
) -> None:
    assert read(query, BUILD) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he is very thin", ["HP:0001533"]),
        ("thin and pale", ["HP:0001533"]),
        ("short for his age", ["HP:0004322"]),
        ("short with a short body", ["HP:0004322"]),
        ("thin, tired and short", ["HP:0001533", "HP:0004322"]),
        # A part's own phrase still reads it.
        ("thin skin", ["HP:0000963"]),
        ("short fingers", ["HP:0001167"]),
        ("thin in his arms, thin skin", ["HP:0000963"]),
        ("he is thin, his legs are thin", ["HP:0001533"]),
        ("my daughter is short and tired", ["HP:0004322"]),
    ],
)
def test_a_build_word_said_of_the_person_or_in_its_own_phrase_still_reads(
    query: str, expected: list[str]
) -> None:
    assert read(query, BUILD) == expected
