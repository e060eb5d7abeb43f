"""Readings fixed in the thirty-first session (issue 17, E36): an adjective that ends in "-ly"
is read ("tingly", "wobbly", "curly"), "still" after a verb of resting is kept ("can't sit
still" is no "can't sit"), and talking late is said by age ("only started talking at 4"). The
rows stand for curated everyday phrasings and HPO names (HPO 2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of
from treatments.describe.scan import normalise
from treatments.describe.words import stem

TINGLES = table_of(
    ("tingly hands", "HP:0003401", 0),  # Paresthesia
    ("tingling", "HP:0003401", 1),  # HPO's synonym of Paresthesia
    ("bubbly urine", "HP:0031504", 0),  # Foamy urine
    ("curly hair", "HP:0002212", 1),  # Curly hair
    ("walks stiffly", "HP:0002064", 0),  # Spastic gait: "stiffly" an adverb of "stiff"
    ("stiff toes", "HP:0001387", 0),  # stands for Joint stiffness
)


@pytest.mark.parametrize(
    "query",
    [
        "her hands and feet feel tingly",
        "my hands are tingly at night",
        "he says his hands are tingly",
    ],
)
def test_tingly_is_an_adjective_not_an_adverb(query: str) -> None:
    assert read(query, TINGLES) == ["HP:0003401"]


def test_tingly_and_tingling_meet() -> None:
    assert read("he has tingly feet and tired legs", TINGLES) == ["HP:0003401"]


def test_an_adverb_of_a_sign_word_is_still_no_sign_of_a_part() -> None:
    assert read("he walks stiffly on his toes", TINGLES) == ["HP:0002064"]


@pytest.mark.parametrize(
    ("adjective", "word"),
    [
        ("tingly", "tingle"),
        ("wobbly", "wobble"),
        ("bubbly", "bubble"),
        ("crumbly", "crumble"),
        ("wrinkly", "wrinkle"),
        ("wriggly", "wriggle"),
        ("curly", "curls"),
        ("swirly", "swirls"),
        ("smelly", "smells"),
    ],
)
def test_a_y_adjective_of_an_le_or_l_word_meets_that_word(adjective: str, word: str) -> None:
    assert stem(adjective) == stem(word)


@pytest.mark.parametrize(
    ("adverb", "adjective"),
    [
        ("strongly", "strong"),
        ("quickly", "quick"),
        ("stiffly", "stiff"),
        ("nearly", "near"),
        ("totally", "total"),
        ("gravelly", "gravel"),
        ("mostly", "most"),
    ],
)
def test_an_adverb_keeps_its_adjective(adverb: str, adjective: str) -> None:
    assert stem(adverb) == stem(adjective)


def test_fully_is_no_full() -> None:
    assert stem("fully") != stem("full")


RESTLESS = table_of(
    ("can't sit", "HP:0025336", 0),  # stands for the inability the reader reads (sitting)
    ("can't sit still", "HP:0000752", 0),  # Hyperactivity
    ("seizures", "HP:0001250", 1),  # Seizure
    ("can't concentrate", "HP:0000736", 0),  # Short attention span
)


def test_sitting_still_is_one_thing_a_negation_goes_on_past() -> None:
    query = "he cant sit still or concentrate at school"
    assert read(query, RESTLESS) == ["HP:0000752", "HP:0000736"]


@pytest.mark.parametrize(
    "query",
    [
        "my son can't sit still and has seizures",
        "he never sits still, seizures since he was 2",
        "she cannot sit still",
    ],
)
def test_sitting_still_is_no_sitting(query: str) -> None:
    read_ids = read(query, RESTLESS)
    assert "HP:0000752" in read_ids
    assert "HP:0025336" not in read_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he can't keep still", ("~not", "still")),
        ("he never sits still", ("~not", "sit still")),  # one token: no "sit" of its own
        ("she is still small", (stem("small"),)),  # "yet": filler
        ("he still doesn't walk", ("~not", stem("walk"))),
    ],
)
def test_still_is_kept_only_after_a_verb_of_resting(text: str, expected: tuple[str, ...]) -> None:
    assert normalise(text) == expected


def test_can_not_sit_is_still_an_inability() -> None:
    assert read("she can't sit without help", RESTLESS) == ["HP:0025336"]


TALKING = table_of(
    ("late talking", "HP:0000750", 0),  # Delayed speech and language development
    ("can't talk", "HP:0001344", 0),  # Absent speech
    ("late walking", "HP:0031936", 0),  # Delayed ability to walk
)


@pytest.mark.parametrize(
    "query",
    [
        "he only started talking at 4",
        "she didn't talk until she was 3",
        "started talking at 30 months and still stutters",
        "he was only talking at 4",
    ],
)
def test_talking_past_two_is_late_talking(query: str) -> None:
    assert read(query, TALKING) == ["HP:0000750"]


@pytest.mark.parametrize(
    "query",
    [
        "he talked at 18 months",
        "she started talking at 2",
        "was talking fine at 3, now lost all his words",  # held at 3, then lost
        "he was talking at 3 then lost all his words",  # the same without "fine" (review)
        "she was walking at 2 then stopped",
    ],
)
def test_talking_by_two_is_not_late(query: str) -> None:
    assert read(query, TALKING) == []


def test_not_talking_at_three_is_still_not_talking() -> None:
    assert read("she can't talk at 3", TALKING) == ["HP:0001344"]


LIKENESSES = table_of(
    ("sad", "HP:5200273", 1),  # Abnormal sadness
    ("corners of mouth turn down", "HP:0002714", 0),  # Downturned corners of mouth
    ("walks like he is drunk", "HP:0001251", 0),  # Ataxia
    ("drools", "HP:0002307", 0),  # Drooling
    ("pain", "HP:0012531", 1),  # Pain
    ("seizures", "HP:0001250", 1),  # Seizure
    ("falls over", "HP:0002359", 0),  # Frequent falls
    ("no energy", "HP:0001254", 0),  # Lethargy
)


@pytest.mark.parametrize(
    "query",
    [
        "the corners of his mouth always turn down like hes sad",
        "the corners of her mouth turn down like she is sad, and she drools",
    ],
)
def test_what_follows_like_hes_is_a_likeness(query: str) -> None:
    assert "HP:0002714" in read(query, LIKENESSES)
    assert "HP:5200273" not in read(query, LIKENESSES)


def test_a_row_that_says_the_likeness_reads_it() -> None:
    assert read("he has been walking like hes drunk for a year", LIKENESSES) == ["HP:0001251"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he looks like hes in pain when he walks", ["HP:0012531"]),  # what the family sees
        ("he is sad all the time", ["HP:5200273"]),
        ("she is sad and the corners of her mouth turn down", ["HP:5200273", "HP:0002714"]),
        # A likeness is one thing: what a family runs on with, unpunctuated, is read (review)
        (
            "the corners of his mouth turn down like hes sad he has seizures and cant walk",
            ["HP:0002714", "HP:0001250"],
        ),
        ("walks like hes drunk falls over all the time", ["HP:0001251", "HP:0002359"]),
        ("its like he has no energy and he falls over a lot", ["HP:0001254", "HP:0002359"]),
    ],
)
def test_a_sign_said_outright_is_still_read(query: str, expected: list[str]) -> None:
    assert read(query, LIKENESSES) == expected
