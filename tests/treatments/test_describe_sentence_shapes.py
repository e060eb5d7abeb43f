"""Readings that follow the shape of a parent's sentence (issue 17, W23): one body part that two
signs share, an "and" that starts a new predicate, lists of qualities."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

# HPO 2025-01-16: Low-set ears, Posteriorly rotated ears, Joint dislocation, Joint
# hypermobility (everyday rows of everyday_signs.tsv stand in as priority 0).
EARS = table_of(
    ("ears tilt back", "HP:0000358", 0),
    ("low ears", "HP:0000369", 0),
    ("joints that dislocate", "HP:0001373", 0),
    ("bendy joints", "HP:0001382", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("low ears that tilt back", {"HP:0000369", "HP:0000358"}),
        ("his ears are low and tilt back", {"HP:0000369", "HP:0000358"}),
        ("very bendy joints that dislocate", {"HP:0001382", "HP:0001373"}),
    ],
)
def test_a_body_part_said_between_two_signs_is_read_for_both(
    query: str, expected: set[str]
) -> None:
    assert set(read(query, EARS)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "low ears and a small chin that tilts back",  # the "and" starts another thing
        "bendy joints with small ones that dislocate",  # a word between: no straight reading
    ],
)
def test_a_body_part_is_not_shared_across_another_thing(query: str) -> None:
    found = read(query, EARS)
    assert not {"HP:0000369", "HP:0000358"} <= set(found)
    assert not {"HP:0001382", "HP:0001373"} <= set(found)


# HPO 2025-01-16: Exercise-induced muscle fatigue (as W22's dropped row said it), Skeletal
# muscle atrophy, Fatigue, Hepatosplenomegaly, Hand-wringing (HPO's "Stereotypical hand
# wringing").
MUSCLES = table_of(
    ("muscles tire with exercise", "HP:0009020", 0),
    ("wasted muscles", "HP:0003202", 0),
    ("tires", "HP:0012378", 0),
    ("big liver and spleen", "HP:0001433", 0),
    ("wrings hands", "HP:0012171", 0),
)


def test_a_described_part_before_and_is_not_the_subject_of_what_follows() -> None:
    found = read("very thin wasted muscles and tires with exercise", MUSCLES)
    assert "HP:0009020" not in found
    assert {"HP:0003202", "HP:0012378"} <= set(found)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("her muscles tire with exercise", "HP:0009020"),
        ("muscles and tires with exercise", "HP:0009020"),  # the part opens the clause
        ("a big liver and spleen", "HP:0001433"),  # two parts of one kind
        ("stopped using her hands and wrings them", "HP:0012171"),
    ],
)
def test_readings_across_and_that_the_sentence_allows_are_kept(query: str, expected: str) -> None:
    assert expected in read(query, MUSCLES)


# HPO 2025-01-16: Thick skin, Erythema (red skin), Hyperhidrosis, Prominent fingertip pads,
# Forearm pain.
QUALITIES = table_of(
    ("thick skin", "HP:0001072", 0),
    ("red skin", "HP:0010783", 0),
    ("sweaty", "HP:0000975", 0),
    ("finger pads", "HP:0001212", 1),
    ("forearm pain", "HP:6000299", 1),
)


@pytest.mark.parametrize(
    "query", ["thick, red and sweaty skin", "her skin is thick, red and sweaty"]
)
def test_a_list_of_qualities_with_commas_is_read_for_its_one_part(query: str) -> None:
    assert set(read(query, QUALITIES)) == {"HP:0001072", "HP:0010783", "HP:0000975"}


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        ("thick knuckle pads, clubbed fingers and odd nails", "HP:0001212"),
        ("his forearm is bent, pain and he can't move his elbow", "HP:6000299"),
    ],
)
def test_a_comma_between_things_or_clauses_still_ends_a_phrase(query: str, absent: str) -> None:
    assert absent not in read(query, QUALITIES)


# HPO 2025-01-16: Ambiguous genitalia (its definition: "not clearly assignable to a single
# gender"), as the everyday rows say it; Happy demeanor.
SEX = table_of(
    ("could not tell a boy or a girl", "HP:0000062", 0),
    ("happy", "HP:0040082", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("when he was born they couldn't tell if he was a boy or a girl", ["HP:0000062"]),
        ("the doctors could not tell whether she was a girl or a boy", ["HP:0000062"]),
        ("he was a happy boy", ["HP:0040082"]),  # a person word alone is still filler
        ("we could not tell the boy about it", []),
    ],
)
def test_not_knowing_if_a_boy_or_a_girl_is_read_from_the_person_words(
    query: str, expected: list[str]
) -> None:
    assert read(query, SEX) == expected


# HPO 2025-01-16: Poor appetite (HPO's name only), Cryptorchidism (everyday "undescended
# testicles"), a made-up spelling of testicle only HPO's names might use, Pain ("wrenching
# pain", HPO's only).
SLIPS = table_of(
    ("poor appetite", "HP:0004396", 1),
    ("undescended testicles", "HP:0000028", 0),
    ("testicule", "HP:0000028", 1),
    ("wrenching pain", "HP:0012531", 1),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she has a poor apetite", ["HP:0004396"]),  # a doubled letter typed once
        ("he has undescended testicals", ["HP:0000028"]),  # two slips, one word near
    ],
)
def test_sound_keeping_and_two_slip_typos_are_mended(query: str, expected: list[str]) -> None:
    assert read(query, SLIPS) == expected


@pytest.mark.parametrize(
    "query",
    [
        "drenching pain in her feet",  # one letter changed, into a word only HPO uses
        "undescended testiclarity",  # two slips from nothing
    ],
)
def test_other_slips_into_hpo_words_are_not_mended(query: str) -> None:
    assert read(query, SLIPS) == []


# HPO 2025-01-16: Multiple exostoses (its definition: "Presence of more than one exostosis"),
# Exostoses (its layperson synonym speaks of new bone on bone), Seizure.
MANY = table_of(
    ("many bony lumps", "HP:0002762", 0),
    ("bony lump", "HP:0100777", 0),
    ("seizures", "HP:0001250", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he has many bony lumps on his legs", ["HP:0002762"]),
        ("several bony lumps near her knees", ["HP:0002762"]),
        ("he has a bony lump on his head", ["HP:0100777"]),  # one lump is not many
        ("he has had seizures many times", ["HP:0001250"]),
    ],
)
def test_many_says_what_hpo_multiple_says(query: str, expected: list[str]) -> None:
    assert read(query, MANY) == expected
