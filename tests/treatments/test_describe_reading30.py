"""Readings fixed in the thirtieth session (issue 17, E34), words read by what is around
them: a slow gain is a poor one, "all over" is all over the body, and a colour before a thing
colours that thing. The rows stand for curated everyday phrasings and HPO names (HPO
2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

WEIGHT = table_of(
    ("weight gain", "HP:0004324", 1),  # Increased body weight (HPO synonym)
    ("poor weight gain", "HP:0001508", 1),  # Failure to thrive (HPO synonym)
)


@pytest.mark.parametrize(
    "query", ["she was slow to gain weight", "he is gaining weight slowly", "slow weight gain"]
)
def test_a_slow_gain_of_weight_is_a_poor_one(query: str) -> None:
    assert read(query, WEIGHT) == ["HP:0001508"]


def test_a_gain_of_weight_said_plainly_is_still_a_gain() -> None:
    assert read("he gained weight fast", WEIGHT) == ["HP:0004324"]


ALL_OVER = table_of(
    ("swelling all over the body", "HP:0007430", 0),  # Generalized edema
    ("mood all over the place", "HP:0000712", 0),  # Emotional lability
    ("swollen face", "HP:0000282", 0),  # Facial edema
)


@pytest.mark.parametrize(
    "query", ["our baby was swollen all over with fluid", "she is swollen all over"]
)
def test_all_over_with_no_place_after_it_is_all_over_the_body(query: str) -> None:
    assert read(query, ALL_OVER) == ["HP:0007430"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his mood is all over the place", ["HP:0000712"]),
        ("swelling all over his face", ["HP:0000282"]),
    ],
)
def test_all_over_a_named_place_is_that_place(query: str, expected: list[str]) -> None:
    assert read(query, ALL_OVER) == expected


YELLOW = table_of(
    ("yellow", "HP:0000952", 0),  # Jaundice
    ("yellow skin", "HP:0000952", 0),
)


def test_a_colour_before_the_thing_it_colours_is_not_a_sign_of_its_own() -> None:
    assert read("i have yellow patches on my eyelids", YELLOW) == []


@pytest.mark.parametrize(
    "query", ["her skin is yellow", "he is yellow and tired", "he has yellow skin"]
)
def test_yellow_said_of_the_person_or_the_skin_is_still_jaundice(query: str) -> None:
    assert read(query, YELLOW) == ["HP:0000952"]
