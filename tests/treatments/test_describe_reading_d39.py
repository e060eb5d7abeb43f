"""Misreadings fixed in the thirty-fourth session (issue 17, D39): words a family said that were
read as a sign they do not name. A size before "with" is the person's ("he is small with a big
head" is no small head); "weak" said of a part with no muscle ("her teeth came in chalky and
weak") is no Muscle weakness; a pronoun stands for the part named last only while no thing on
it was named after it, and never for the part in "the eye doctor"; a mark that "has appeared
on" the eye is no skin mark; a milestone not reached "until" an age was reached ("didn't walk
until 8": late, in years). The rows stand for curated everyday phrasings and HPO names (HPO
2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

SIZES = table_of(
    ("small head", "HP:0000252", 0),  # stands for Microcephaly
    ("big head", "HP:0000256", 0),  # stands for Macrocephaly
    ("short chin", "HP:0000331", 3),  # HPO's name Short chin
    ("small chin", "HP:0000347", 0),  # stands for Micrognathia
    ("short", "HP:0004322", 0),  # stands for Short stature
    ("thin face", "HP:0000275", 0),  # stands for Narrow face
    ("long face", "HP:0000276", 3),  # HPO's name Long face
    ("small jaw", "HP:0000347", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Was: Microcephaly and Macrocephaly ("small" shared "head" with "big").
        ("he is small with a big head", ["HP:0000256"]),
        # Was: Short chin beside Micrognathia and Short stature.
        ("daughter is very short with a small chin", ["HP:0004322", "HP:0000347"]),
        # Was: Narrow face beside Long face.
        ("she is thin with a long face", ["HP:0000276"]),
    ],
)
def test_a_size_before_with_is_the_persons_not_the_parts(query: str, expected: list[str]) -> None:
    assert sorted(read(query, SIZES)) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he was born with a small jaw", ["HP:0000347"]),  # "born" is no size
        ("a short chin and a big head", ["HP:0000331", "HP:0000256"]),
    ],
)
# A size said of its part leaves "with" said of that part too: test_describe_reading_md39.
def test_a_size_said_of_its_part_is_still_read(query: str, expected: list[str]) -> None:
    assert sorted(read(query, SIZES)) == sorted(expected)


WEAKNESS = table_of(
    ("weak", "HP:0001324", 0),  # stands for Muscle weakness
    ("nails thin", "HP:0001816", 0),  # stands for Thin nail
    ("eyes droop", "HP:0000508", 0),  # stands for Ptosis
    ("tired", "HP:0012378", 0),  # stands for Fatigue
)


@pytest.mark.parametrize(
    "query",
    [
        "her teeth came in chalky and weak",
        "her nails are thin and weak",
        "his bones are weak",
        "my son's teeth are weak and crumbly",
    ],
)
def test_weak_said_of_a_part_with_no_muscle_is_no_muscle_weakness(query: str) -> None:
    assert "HP:0001324" not in read(query, WEAKNESS)


@pytest.mark.parametrize(
    "query",
    [
        "his eyes droop and shes weak",
        "her eyes droop and she is weak",
        "poor eyesight, weak and tired",
        "he has bad teeth and is weak",
        "weak and tired all the time",
    ],
)
def test_weak_said_of_the_person_is_still_muscle_weakness(query: str) -> None:
    assert "HP:0001324" in read(query, WEAKNESS)


POINTED = table_of(
    ("knee pain", "HP:0030839", 0),  # stands for Knee pain ("it hurts" is pain too)
    ("hole in the eye", "HP:0000589", 0),  # stands for Coloboma
    ("dark spot", "HP:0000953", 0),  # stands for Hyperpigmentation of the skin
)


@pytest.mark.parametrize(
    ("query", "unread"),
    [
        # Was Knee pain: "its" stood for the knee, past the bruise it is said of.
        (
            "my leg has swollen up to the knee, theres a massive bruise, its bright red and the "
            "pain is awful",
            "HP:0030839",
        ),
        # Was Coloboma: "it" stood for the eye of "the eye doctor".
        (
            "the eye doctor says the centre of her retina is wasting away and now she has a "
            "hole in it",
            "HP:0000589",
        ),
        ("the eye doctor saw something and said there is a hole in it", "HP:0000589"),
        # Was Hyperpigmentation of the skin: the spot is on the eye.
        ("a dark brown spot has appeared on the coloured part of my eye", "HP:0000953"),
        ("a dark spot came up in his eye", "HP:0000953"),
    ],
)
def test_a_sign_is_not_moved_onto_a_part_it_is_not_said_of(query: str, unread: str) -> None:
    assert unread not in read(query, POINTED)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his knee swells and it hurts", "HP:0030839"),
        ("he hurt his eye and now there is a hole in it", "HP:0000589"),
        ("a dark spot has appeared on her arm", "HP:0000953"),
    ],
)
def test_a_pronoun_and_a_mark_on_the_skin_are_still_read(query: str, expected: str) -> None:
    assert expected in read(query, POINTED)


MILESTONES = table_of(
    ("late talking", "HP:0000750", 0),  # stands for Delayed speech and language development
    ("late walking", "HP:0031936", 0),  # stands for Delayed ability to walk
    ("not talking", "HP:0001344", 0),  # stands for Absent speech
    ("not walking", "HP:0002540", 0),  # stands for Inability to walk
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Was Inability to walk / Absent speech: "until 8" was taken as 8 months, on time, and
        # the denial stayed. A lateness stressed names no early month: 8 is years.
        ("he didnt walk until 8 and has seizures", ["HP:0031936"]),
        ("she didnt talk until 7", ["HP:0000750"]),
        ("she didn't talk till she was 9", ["HP:0000750"]),
        # Was Inability to walk: reached, and on time.
        ("he didnt walk until 12 months", []),
        # Unchanged: late in months, a list of ages in months, an ability lacking at an age.
        ("he didnt walk until 18", ["HP:0031936"]),
        ("he walked at 10 and talked at 12", []),
        ("he can't walk at 8", ["HP:0002540"]),
    ],
)
def test_a_milestone_not_reached_until_an_age_was_reached(query: str, expected: list[str]) -> None:
    assert sorted(read(query, MILESTONES)) == sorted(expected)
