"""Readings fixed from the tuning22 descriptions (issue 17, T22): a family's words read as the
sign they name, whatever slips a phone made in them."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of
from treatments.describe.words import stem

# HPO 2025-01-16: Seizure and Migraine as curated everyday rows; a word only an HPO name uses.
SLIPS = table_of(
    ("seizures", "HP:0001250", 0),
    ("migraines", "HP:0002076", 0),
    ("wrenching pain", "HP:0012531", 1),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she has siezures", ["HP:0001250"]),  # two letters swapped
        ("gets migranes every week", ["HP:0002076"]),  # a letter dropped
        ("he had seizurres at night", ["HP:0001250"]),  # a letter added
    ],
)
def test_a_phone_slip_in_an_everyday_sign_word_is_read_as_the_word(
    query: str, expected: list[str]
) -> None:
    assert read(query, SLIPS) == expected


@pytest.mark.parametrize(
    "query",
    [
        "she came home drenching wet with pain in her feet",  # only HPO's "wrenching" is near
        "he has sezurs",  # two slips away
    ],
)
def test_a_word_is_not_mended_into_a_word_it_was_not_typed_for(query: str) -> None:
    assert "HP:0012531" not in read(query, SLIPS)
    assert "HP:0001250" not in read(query, SLIPS)


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("shortest", "shorter", "short"), "short"),
        (("weakest", "weaker", "weak"), "weak"),
        (("failed", "failing", "fails", "failure"), "failure"),
        (("kg", "kilos", "lbs", "weight"), "weight"),
        (("jiggle", "jiggles", "wobbly"), "wobble"),
    ],
)
def test_words_for_one_thing_meet_on_one_stem(words: tuple[str, ...], same: str) -> None:
    assert {stem(word) for word in words} == {same}


# HPO 2025-01-16: Short stature ("short", its layperson synonym), Hepatic failure (its HPO
# synonym "Liver failure"), Weight loss (HPO's "Loss of weight"), Nystagmus ("eyes wobble", a
# line of everyday_signs.tsv).
WORDS = table_of(
    ("short", "HP:0004322", 0),
    ("liver failure", "HP:0001399", 3),
    ("loss of weight", "HP:0001824", 3),
    ("eyes wobble", "HP:0000639", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she is the shortest in her class", ["HP:0004322"]),
        ("last year her liver suddenly failed", ["HP:0001399"]),
        ("she lost 10 kg without trying", ["HP:0001824"]),
        ("his eyes jiggle", ["HP:0000639"]),
    ],
)
def test_a_sign_is_read_whatever_word_form_says_it(query: str, expected: list[str]) -> None:
    assert read(query, WORDS) == expected

