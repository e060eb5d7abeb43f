"""Readings fixed in the thirty-second session (issue 17, E37): a quality belongs to the word
English ties it to. A subject after "and now" starts a new clause ("long grass and now my
foot"), a quality out of order describes the noun right after it ("sweaty with low sugar"), a
part that only says where another part is leaves the quality to that part ("the glands under
my jaw are swollen"), "slow" after a milestone's verb is a pace, not a late milestone ("walking
is slow"), and "numbly" is "numb". The rows stand for curated everyday phrasings and HPO names
(HPO 2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of
from treatments.describe.words import stem

FOOT = table_of(
    ("long foot", "HP:0001833", 1),  # HPO's name
    ("swollen leg", "HP:0010741", 0),  # stands for Pedal edema
    ("weak legs", "HP:0007340", 0),  # Lower limb muscle weakness
    ("seizures", "HP:0001250", 1),  # Seizure
)


def test_a_subject_after_and_now_starts_a_new_clause() -> None:
    query = "walking through long grass and now my foot and leg have swollen up to the knee"
    assert read(query, FOOT) == ["HP:0010741"]


@pytest.mark.parametrize(
    "query",
    ["weak arms and then he has seizures", "weak arms and also has seizures"],
)
def test_a_new_clause_after_and_then_keeps_what_comes_before(query: str) -> None:
    assert read(query, FOOT) == ["HP:0001250"]


def test_and_then_with_no_subject_still_shares_the_quality() -> None:
    assert read("weak arms and then legs", FOOT) == ["HP:0007340"]


SWEAT = table_of(
    ("decreased sweating", "HP:0000966", 1),  # HPO's synonym of Hypohidrosis
    ("shaky", "HP:0001337", 0),  # stands for Tremor
    ("weak muscles", "HP:0001324", 0),  # Muscle weakness
    ("short", "HP:0004322", 0),  # Short stature
)
# HPO's synonym in its own order ("Sweating, decreased"): the measure comes last.
SWEAT_INVERTED = table_of(("sweating decreased", "HP:0000966", 1), ("shaky", "HP:0001337", 0))


@pytest.mark.parametrize("table", [SWEAT, SWEAT_INVERTED])
def test_a_quality_before_a_noun_it_does_not_take_describes_that_noun(table: object) -> None:
    query = "our son gets shaky and sweaty with low sugar after he eats"
    assert read(query, table) == ["HP:0001337"]


def test_a_measure_before_a_word_the_reading_takes_elsewhere_is_still_read() -> None:
    # The name says "toe" twice; the reading takes the first, and "big" measures the second.
    table = table_of(
        ("extra toe next to the big toe", "HP:0001841", 1)
    )  # Preaxial foot polydactyly
    assert read("he has an extra toe next to the big toe", table) == ["HP:0001841"]


def test_a_measure_before_a_word_of_when_is_still_read() -> None:
    assert read("his sweating is low even in summer", SWEAT_INVERTED) == ["HP:0000966"]


def test_a_measure_before_a_noun_is_that_nouns() -> None:
    # "low" (a measure) before "mood": the low is the mood's, no Hypohidrosis.
    assert read("he gets sweaty with low mood", SWEAT_INVERTED) == []


# A measure said of its subject after a copula (with "very" and the like between) is that
# subject's, whatever follows it.
MEASURED = table_of(
    ("high temperature", "HP:0001945", 0),  # stands for Fever
    ("high cholesterol", "HP:0003124", 0),  # stands for Hypercholesterolemia
    ("low potassium", "HP:0002900", 0),  # stands for Hypokalemia
    ("big head", "HP:0000256", 0),  # stands for Macrocephaly
    ("high blood pressure", "HP:0000822", 0),  # stands for Hypertension
    ("tall", "HP:0000098", 0),  # stands for Tall stature
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("her temperature is high every night", "HP:0001945"),
        ("her temperature is very high every night", "HP:0001945"),
        ("her cholesterol is high despite diet", "HP:0003124"),
        ("his potassium is low every week", "HP:0002900"),
        ("my son's head is big compared to other kids", "HP:0000256"),
        ("her blood pressure is high despite medication", "HP:0000822"),
        ("he is tall compared to classmates with long arms", "HP:0000098"),
    ],
)
def test_a_measure_after_a_copula_is_its_subjects(query: str, expected: str) -> None:
    assert read(query, MEASURED) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his sweating is low", ["HP:0000966"]),  # nothing after the quality
        ("sweating is low and he is shaky", ["HP:0000966", "HP:0001337"]),
        ("her muscles are weak in the legs", ["HP:0001324"]),  # a place after it
        ("muscles weak lately", ["HP:0001324"]),  # a word of when after it
    ],
)
def test_a_quality_out_of_order_with_no_noun_after_it_is_read(
    query: str, expected: list[str]
) -> None:
    assert read(query, SWEAT) == expected


GLANDS = table_of(
    ("jaw swelling", "HP:0030793", 1),  # HPO's name
    ("swollen glands", "HP:0002716", 0),  # stands for Lymphadenopathy
    ("knee pain", "HP:0030839", 1),  # HPO's name
    ("weak thighs", "HP:0008994", 0),  # stands for Proximal muscle weakness in lower limbs
)


@pytest.mark.parametrize(
    "query",
    ["the glands under my jaw are swollen", "the glands under my jaw keep swelling up"],
)
def test_a_part_that_says_where_another_part_is_leaves_it_the_quality(query: str) -> None:
    assert read(query, GLANDS) == ["HP:0002716"]


def test_the_muscles_in_the_thighs_are_the_thighs_own() -> None:
    assert read("the muscles in his thighs are weak", GLANDS) == ["HP:0008994"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("swelling under my jaw", "HP:0030793"),  # nothing before the place
        ("he has pain in his knee", "HP:0030839"),
        ("her jaw is swollen", "HP:0030793"),
    ],
)
def test_a_placed_part_with_no_part_before_it_is_read(query: str, expected: str) -> None:
    assert read(query, GLANDS) == [expected]


WALKING = table_of(
    ("slow to walk", "HP:0031936", 0),  # Delayed ability to walk
    ("slow to talk", "HP:0000750", 0),  # Delayed speech and language development
    ("off balance", "HP:0002141", 0),  # Gait imbalance
    ("slow slurred speech", "HP:0007164", 1),  # stands for Slowed slurred speech
)


@pytest.mark.parametrize(
    "query",
    [
        "legs have got stiffer over a few years, walking is slow and off balance",
        "my walking got slow over the last year and i am off balance",
        "he walks slowly and is off balance",
    ],
)
def test_slow_after_walking_is_a_pace_not_a_late_milestone(query: str) -> None:
    assert read(query, WALKING) == ["HP:0002141"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he was slow to walk", "HP:0031936"),
        ("she was slow to talk", "HP:0000750"),
        ("slow at walking", "HP:0031936"),
    ],
)
def test_slow_before_the_milestone_is_still_late(query: str, expected: str) -> None:
    assert read(query, WALKING) == [expected]


def test_a_toddlers_slow_walking_is_a_late_milestone() -> None:
    assert read("he is 18 months and his walking is slow", WALKING) == ["HP:0031936"]
    assert read("our 2 year old's walking is slow", WALKING) == ["HP:0031936"]


# A baby's milestones that have no adult pace (everyday_signs.tsv rows).
SITTING = table_of(
    ("slow to sit up", "HP:0002194", 0),  # Delayed gross motor development
    ("slow to crawl", "HP:0001270", 0),  # Motor delay
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sitting up was slow and crawling was slow", ["HP:0002194", "HP:0001270"]),
        ("my baby was slow to sit up and crawling was slow too", ["HP:0002194", "HP:0001270"]),
    ],
)
def test_slow_after_sitting_or_crawling_is_late(query: str, expected: list[str]) -> None:
    assert sorted(read(query, SITTING)) == sorted(expected)


def test_a_speech_said_to_be_slow_is_still_slow_speech() -> None:
    assert read("his speech is slow and slurred", WALKING) == ["HP:0007164"]


@pytest.mark.parametrize(("adverb", "adjective"), [("numbly", "numb"), ("dumbly", "dumb")])
def test_the_adverb_of_an_adjective_ending_in_mb_keeps_it(adverb: str, adjective: str) -> None:
    assert stem(adverb) == stem(adjective)


def test_crumbly_is_still_crumble() -> None:
    assert stem("crumbly") == stem("crumble")
