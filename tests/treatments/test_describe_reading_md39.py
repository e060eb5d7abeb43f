"""Mends to the D39 readings (thirty-fourth session review, MD39): "weak" said of a part with no
muscle is that part's only when it is the adjective said of the part itself, not "weakness" nor a
"weak" listed after another item; a size before "with" said of a part just named leaves what
follows "with" to be read; a bare number after "didn't ... until" is months from the earliest
month the milestone is reached. The rows stand for curated everyday phrasings and HPO names (HPO
2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

WEAKNESS = table_of(
    ("weak", "HP:0001324", 0),  # stands for Muscle weakness
    ("big heart", "HP:0001640", 0),  # stands for Cardiomegaly
    ("floppy", "HP:0001252", 0),  # stands for Hypotonia
    ("heart failure", "HP:0001635", 3),  # HPO's name Congestive heart failure (part of it)
    ("hair loss", "HP:0001596", 0),  # stands for Alopecia
    ("vision loss", "HP:0000572", 0),  # stands for Visual loss
    ("pale", "HP:0000980", 0),  # stands for Pallor
    ("tired", "HP:0012378", 0),  # stands for Fatigue
)


@pytest.mark.parametrize(
    "query",
    [
        # Each read no Muscle weakness: a no-muscle word anywhere earlier in the clause took it.
        "big heart and floppy and weak",
        "heart problems and floppy and weak",
        "born with a hole in his heart and floppy and weak",
        "heart failure and weakness",
        "kidney failure and weakness",
        "hair loss and weakness",
        "vision loss and weakness",
        "liver problems and very weak",
        "kidney problems, pale and weak",
        "his skin is pale and tired and weak",
    ],
)
def test_weak_after_a_part_named_earlier_is_still_muscle_weakness(query: str) -> None:
    assert "HP:0001324" in read(query, WEAKNESS)


def test_the_pompe_description_reads_all_three_signs() -> None:
    assert sorted(read("big heart and floppy and weak", WEAKNESS)) == sorted(
        ["HP:0001640", "HP:0001252", "HP:0001324"]
    )


@pytest.mark.parametrize(
    "query",
    [
        "her teeth came in chalky and weak",
        "her nails are thin and weak",
        "his heart is weak",
        "her teeth are chalky and weak",
    ],
)
def test_weak_said_of_the_part_itself_is_still_the_parts(query: str) -> None:
    assert "HP:0001324" not in read(query, WEAKNESS)


SIZES = table_of(
    ("head small", "HP:0000252", 0),  # stands for Microcephaly
    ("big head", "HP:0000256", 0),  # stands for Macrocephaly
    ("head big", "HP:0000256", 0),
    ("head flat back", "HP:0000260", 0),  # stands for Flat occiput
    ("flat back of head", "HP:0000260", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Each was Microcephaly (Macrocephaly) only: "with" broke the flat back off the head.
        # Since D40 the clause after "with" is carried the head: the size is read too.
        ("his head is small with a flat back", ["HP:0000252", "HP:0000260"]),
        ("his head is big with a flat back", ["HP:0000256", "HP:0000260"]),
    ],
)
def test_a_size_said_of_a_part_leaves_with_said_of_the_part(
    query: str, expected: list[str]
) -> None:
    assert sorted(read(query, SIZES)) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he is small with a big head", ["HP:0000256"]),
        ("a small boy with a flat back of the head", ["HP:0000260"]),
    ],
)
def test_a_size_said_of_the_person_still_breaks_at_with(query: str, expected: list[str]) -> None:
    assert sorted(read(query, SIZES)) == sorted(expected)


MILESTONES = table_of(
    ("late talking", "HP:0000750", 0),  # stands for Delayed speech and language development
    ("late walking", "HP:0031936", 0),  # stands for Delayed ability to walk
    ("late crawling", "HP:0031935", 0),  # stands for Delayed ability to crawl
    ("not walking", "HP:0002540", 0),  # stands for Inability to walk
    ("floppy", "HP:0001252", 0),  # stands for Hypotonia
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Each read a late milestone: a bare number up to the norm was years. In months it is
        # on time, as "didnt walk until 12 months" reads nothing.
        ("he didnt walk until 14", []),
        ("she didnt walk until 13 and was floppy", ["HP:0001252"]),
        ("he didnt crawl until 9", []),
    ],
)
def test_a_bare_number_a_parent_could_mean_as_months_is_months(
    query: str, expected: list[str]
) -> None:
    assert sorted(read(query, MILESTONES)) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he didnt walk until 8", ["HP:0031936"]),  # too early a month to mean: years
        ("he didnt walk until he was 14", ["HP:0031936"]),  # his age: years
        ("he didnt crawl until 5", ["HP:0031935"]),
        ("he didnt walk until 18", ["HP:0031936"]),  # late in months
    ],
)
def test_a_bare_number_too_early_for_months_or_said_as_an_age_is_years(
    query: str, expected: list[str]
) -> None:
    assert sorted(read(query, MILESTONES)) == sorted(expected)
