"""Whose a quality is (issue 17, E34): a quality said last is the last thing's ("bruises
big"), and a whole-body sign said of a part is the part's ("my retina is wasting away"). The
rows stand for curated everyday phrasings and HPO names (HPO 2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

BIG_THINGS = table_of(
    ("big gums", "HP:0000212", 0),  # Gingival overgrowth
    ("big nose", "HP:0000448", 0),  # Prominent nose
    ("big bruises", "HP:0000978", 0),  # Bruising susceptibility
    ("big liver", "HP:0002240", 0),  # Hepatomegaly
    ("big spleen", "HP:0001744", 0),  # Splenomegaly
)


def test_a_size_said_last_is_not_carried_back_over_another_sign() -> None:
    reads = read("he bleeds a lot from his gums and nose and bruises big", BIG_THINGS)
    assert reads == ["HP:0000978"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his gums and nose are big", ["HP:0000212", "HP:0000448"]),
        ("his liver and spleen are big", ["HP:0002240", "HP:0001744"]),
    ],
)
def test_a_size_said_last_still_reaches_back_over_listed_parts(
    query: str, expected: list[str]
) -> None:
    assert read(query, BIG_THINGS) == expected


WASTING = table_of(
    ("wasting away", "HP:0004326", 0),  # Cachexia (HPO layperson synonym 'Wasting syndrome')
    ("muscles wasting", "HP:0003202", 0),  # Skeletal muscle atrophy
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("the middle of the back of my eye is wasting away", []),
        ("the centre of her retina is wasting away", []),
        ("his muscles are wasting away", ["HP:0003202"]),
    ],
)
def test_wasting_said_of_a_part_is_not_the_whole_body_wasting(
    query: str, expected: list[str]
) -> None:
    assert read(query, WASTING) == expected


def test_wasting_said_of_the_person_is_still_read() -> None:
    assert read("he is wasting away, skin and bones", WASTING) == ["HP:0004326"]


def test_a_quality_before_its_thing_still_reaches_over_a_listed_one() -> None:
    table = table_of(("dark skin in the armpits", "HP:0000956", 0))  # Acanthosis nigricans
    query = "dark and light patchy skin in his armpits and groin"
    assert read(query, table) == ["HP:0000956"]


def test_a_sign_of_one_word_after_and_is_read_whatever_comes_before() -> None:
    table = table_of(("jerks", "HP:0001336", 0), ("developing", "HP:0001263", 0))
    assert read("he has jerks and hes developing late", table) == ["HP:0001336", "HP:0001263"]


@pytest.mark.parametrize(
    ("query", "row", "expected"),
    [
        ("wets and soils himself again", "wets himself", "HP:0000020"),  # Urinary incontinence
        ("weak muscles and stiff limbs", "weak limb muscles", "HP:0003690"),  # Limb weakness
        ("one blue eye and one brown eye", "one blue eye one brown", "HP:0001100"),
    ],
)
def test_a_word_shared_after_a_listed_verb_or_quality_is_still_shared(
    query: str, row: str, expected: str
) -> None:
    assert read(query, table_of((row, expected, 0))) == [expected]


@pytest.mark.parametrize(
    ("query", "row", "expected"),
    [
        ("his whole body is stiff", "stiff", "HP:0001276"),  # Hypertonia
        ("her skin is blistering", "blistering", "HP:0008066"),  # Abnormal blistering
    ],
)
def test_a_sign_said_of_the_whole_body_or_its_skin_is_still_read(
    query: str, row: str, expected: str
) -> None:
    assert read(query, table_of((row, expected, 0))) == [expected]


PART_SIGNS = table_of(
    ("numb", "HP:0033748", 0),  # Hypoesthesia (HPO synonym 'Numbness')
    ("sweaty", "HP:0000975", 0),  # Hyperhidrosis
    ("itchy", "HP:0000989", 0),  # Pruritus
    ("jerking", "HP:0001336", 0),  # Myoclonus
    ("flushed", "HP:0031284", 0),  # Flushing
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his feet are numb all the time", ["HP:0033748"]),
        ("his hands are sweaty all the time", ["HP:0000975"]),
        ("his arms are itchy", ["HP:0000989"]),
        ("his arm is jerking", ["HP:0001336"]),
        ("his cheeks are flushed and hot", ["HP:0031284"]),
    ],
)
def test_a_sign_a_part_can_have_is_read_when_said_of_the_part(
    query: str, expected: list[str]
) -> None:
    """Only a state of the whole person (Cachexia, Fatigue, ...) said of a part is the part's:
    a review found the first rule dropped every one-word sign said after "his feet are"."""
    assert read(query, PART_SIGNS) == expected
