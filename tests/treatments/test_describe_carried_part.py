"""A part named once and then described clause by clause (issue 17, C26): "his teeth are
small, widely spaced and crumbly" says the teeth are widely spaced; "her eyes bulge and are set
wide apart" that the eyes are. A clause with a subject of its own, a list of signs, a new
sentence, someone else's words and a denial carry nothing (plain Python, no database)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of
from treatments.describe.recognise import recognise

# HPO 2025-01-16 ids: Widely spaced teeth, Microdontia ("small teeth"), Fine hair, Slender
# build ("thin", everyday row), Hypertelorism ("wide set eyes"), Proptosis ("bulging eyes"),
# Foot pain ("feet hurt"), Pain ("hurt"), Short stature ("short"), Short foot, Dry skin,
# Pruritus ("itchy skin").
CARRIED = table_of(
    ("thin", "HP:0001533", 0),
    ("short", "HP:0004322", 0),
    ("hurt", "HP:0012531", 0),
    ("widely spaced teeth", "HP:0000687", 1),
    ("small teeth", "HP:0000691", 1),
    ("fine hair", "HP:0002213", 1),
    ("eyes set wide apart", "HP:0000316", 1),
    ("bulging eyes", "HP:0000520", 1),
    ("feet hurt", "HP:0025238", 1),
    ("short feet", "HP:0001773", 1),
    ("dry skin", "HP:0000958", 1),
    ("itchy skin", "HP:0000989", 1),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his teeth are small, widely spaced and crumbly", ["HP:0000691", "HP:0000687"]),
        ("her hair is so strange, very thin and fine", ["HP:0002213"]),
        ("her eyes bulge and are set wide apart", ["HP:0000520", "HP:0000316"]),
        ("his feet are numb and they hurt", ["HP:0025238"]),
    ],
)
def test_a_quality_is_read_with_the_part_the_sentence_goes_on_describing(
    query: str, expected: list[str]
) -> None:
    assert sorted(read(query, CARRIED)) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("her eyes: bulging, set wide apart", ["HP:0000520", "HP:0000316"]),
        ("his teeth: small, widely spaced", ["HP:0000691", "HP:0000687"]),
        ("her eyes - bulging, set wide apart", ["HP:0000520", "HP:0000316"]),
        ("her hair: thin, fine", ["HP:0002213"]),
    ],
)
def test_a_colon_or_dash_after_a_part_says_what_the_part_is_like(
    query: str, expected: list[str]
) -> None:
    """ "her eyes: bulging, set wide apart" reads as "her eyes are bulging and set wide apart"
    (the colon was dropped and nothing carried: Proptosis alone)."""
    assert sorted(read(query, CARRIED)) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a colon after no part says nothing of one: "thin" is the person
        ("signs: seizures, thin", ["HP:0001533"]),
        # a list of signs: "short" is the person
        ("small hands and feet, short", ["HP:0004322"]),
        # a clause with a subject of its own
        ("her hair is fine, she is very thin", ["HP:0002213", "HP:0001533"]),
        ("his teeth are crooked, his toys are small", []),
        # a new sentence
        ("her hair is thick. very fine", []),
        # a part that says where a thing is
        ("lumps on his skin, dry and itchy", []),
    ],
)
def test_nothing_is_carried_past_a_new_subject_a_list_or_a_sentence(
    query: str, expected: list[str]
) -> None:
    assert sorted(read(query, CARRIED)) == sorted(expected)


def test_a_denial_is_never_carried_into_a_sign() -> None:
    """ "her skin is dry, not itchy": Pruritus stays unread as the skin's, never positive."""
    assert read("her skin is dry, not itchy", CARRIED) == ["HP:0000958"]
    assert read("his teeth are small, not widely spaced", CARRIED) == ["HP:0000691"]


def test_someone_elses_clause_carries_nothing() -> None:
    """A relative's part is not the person's: "his brother's teeth are small, widely spaced"."""
    signs = recognise("his brother has small teeth, widely spaced", CARRIED)
    assert all(sign.relative for sign in signs if sign.hpo_id == "HP:0000687")
