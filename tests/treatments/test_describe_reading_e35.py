"""Readings fixed in the thirtieth session (issue 17, E35), words read by the words around
them: "there" after a negation says a thing is not real, and a shake said of a seizure is the
seizure's. The rows stand for curated everyday phrasings and HPO names (HPO 2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

UNREAL = table_of(
    ("sees things that aren't there", "HP:0002367", 0),  # Visual hallucination
    ("hears voices that aren't there", "HP:0008765", 0),  # Auditory hallucinations
    ("no reflexes", "HP:0001284", 0),  # Areflexia
)


@pytest.mark.parametrize(
    "query",
    [
        "she sees things that aren't there",
        "he sees things that are not really there",
        "sees things that arent there and gets scared",
    ],
)
def test_a_phrase_that_ends_in_not_there_is_read(query: str) -> None:
    assert read(query, UNREAL) == ["HP:0002367"]


def test_not_there_is_said_of_what_is_seen_or_heard() -> None:
    assert read("hears voices that aren't there", UNREAL) == ["HP:0008765"]
    assert read("she sees things clearly", UNREAL) == []


def test_a_negation_before_a_sign_word_is_still_that_signs() -> None:
    assert read("he has no reflexes", UNREAL) == ["HP:0001284"]


SEIZURES = table_of(
    ("seizures where she goes stiff", "HP:0032792", 0),  # Tonic seizure
    ("goes stiff and shakes", "HP:0002069", 0),  # Bilateral tonic-clonic seizure
    ("seizures", "HP:0001250", 1),  # Seizure
    ("shakes", "HP:0001337", 0),  # Tremor
    ("shaking all over", "HP:0001337", 0),
    ("stiff", "HP:0001387", 0),  # Joint stiffness
)


def test_a_shake_in_a_seizures_clause_is_the_seizures() -> None:
    query = "she has seizures where she goes stiff and then shakes all over"
    read_ids = read(query, SEIZURES)
    assert "HP:0002069" in read_ids
    assert "HP:0001337" not in read_ids
    assert "HP:0032792" not in read_ids


@pytest.mark.parametrize(
    "query", ["he has seizures where he shakes", "seizures with shaking all over"]
)
def test_a_shake_said_of_a_seizure_is_no_tremor(query: str) -> None:
    assert read(query, SEIZURES) == ["HP:0001250"]


@pytest.mark.parametrize(
    "query", ["she has seizures and tremors", "he has seizures. his hands shake all the time"]
)
def test_a_shake_listed_beside_seizures_is_still_a_tremor(query: str) -> None:
    assert read(query, SEIZURES) == ["HP:0001250", "HP:0001337"]


MARKS = table_of(
    ("blisters", "HP:0008066", 0),  # Abnormal blistering of the skin
    ("dark spot", "HP:0000953", 0),  # Hyperpigmentation of the skin
    ("rash", "HP:0000988", 1),  # Skin rash
)


@pytest.mark.parametrize(
    "query",
    [
        "small blisters on the lining of the lung",
        "a dark brown spot on the coloured part of my eye",
        "he has a dark spot in his left eye",
    ],
)
def test_a_skin_mark_in_or_on_a_part_without_skin_is_no_skin_sign(query: str) -> None:
    assert read(query, MARKS) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("blisters on her hands and feet", ["HP:0008066"]),
        ("a rash around his eyes", ["HP:0000988"]),
        ("a dark spot on his back and weak lungs", ["HP:0000953"]),
    ],
)
def test_a_skin_mark_on_the_skin_or_beside_an_organ_is_still_read(
    query: str, expected: list[str]
) -> None:
    assert read(query, MARKS) == expected
