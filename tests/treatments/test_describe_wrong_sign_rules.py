"""Signs read wrong by a rule of English the reader missed (issue 17): a verb form the stemmer
split ("reaches", "worried"), a "not" that reaches past a verb to a body part, a "can't" said
to fall short ("can't walk straight") or restless ("can't sit still"), "wide apart" read as a
width, "round" said for "around", and one side said against the other."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads
from treatments.describe.inability import negated_abilities
from treatments.describe.recognise import normalise

HAND_TREMOR = "HP:0002378"
INTENTION_TREMOR = "HP:0002080"
ABSENT_FOOT = "HP:0011301"
ABSENT_FINGERNAIL = "HP:0001817"
APLASIA_5TH_FINGER = "HP:0009238"
ADACTYLY = "HP:0009776"
BROAD_FOOT = "HP:0001769"
BROAD_BASED_GAIT = "HP:0002136"
INABILITY_TO_WALK = "HP:0002540"
CERVICAL_KYPHOSIS = "HP:0002947"
DOWN_SLOPING_SHOULDERS = "HP:0200021"
LIPOMA = "HP:0012032"
ROUND_FACE = "HP:0000311"
SMALL_FACE = "HP:0000274"
FACIAL_ASYMMETRY = "HP:0000324"
SHORT_LOWER_LIMBS = "HP:0006385"
LOWER_LIMB_ASYMMETRY = "HP:0100559"
HEMIHYPERTROPHY = "HP:0001528"
WRONG = (ABSENT_FOOT, APLASIA_5TH_FINGER, ABSENT_FINGERNAIL, ADACTYLY, BROAD_FOOT, LIPOMA)
SHAPES = (CERVICAL_KYPHOSIS, DOWN_SLOPING_SHOULDERS, ROUND_FACE, SMALL_FACE, SHORT_LOWER_LIMBS)


def test_a_verb_form_meets_its_other_forms() -> None:
    assert normalise("he reaches for it") == normalise("he is reaching for it")
    assert normalise("she worried a lot") == normalise("she worries a lot")
    assert normalise("seems dried out") == normalise("seems dry out")
    # An ache's plural keeps its e.
    assert normalise("headaches") == normalise("headache")
    assert normalise("earaches") == normalise("earache")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "his hands shake when he reaches for things, very sleepy",
        "teenage son has jerks every morning, his hands shake when he reaches for a cup",
    ],
)
def test_hands_that_shake_as_they_reach_are_an_intention_tremor(text: str) -> None:
    everyday_terms(HAND_TREMOR)
    read = site_reads(text)
    assert INTENTION_TREMOR in read
    assert HAND_TREMOR not in read


@pytest.mark.django_db
def test_a_not_before_a_verb_says_no_part_is_missing() -> None:
    everyday_terms(*WRONG)
    assert ABSENT_FOOT not in site_reads("I trip over my toes because I cant lift my feet up")
    nails = site_reads("he was born deaf, has no fingernails on some fingers")
    assert ABSENT_FINGERNAIL in nails
    assert APLASIA_5TH_FINGER not in nails
    # Parts a "not" lists with "or" are still both missing.
    assert ADACTYLY in site_reads("no fingers or toes on his left side")


@pytest.mark.django_db
def test_feet_wide_apart_are_no_broad_foot() -> None:
    everyday_terms(*WRONG)
    assert BROAD_FOOT not in site_reads("my husband staggers with his feet wide apart")
    assert BROAD_BASED_GAIT in site_reads("she walks with her feet wide apart")
    assert BROAD_FOOT in site_reads("he has very wide feet")


@pytest.mark.django_db
def test_a_child_who_cant_walk_straight_walks() -> None:
    everyday_terms()
    assert INABILITY_TO_WALK not in site_reads("she is wobbly and cant walk straight, not sleeping")
    assert INABILITY_TO_WALK in site_reads("he is 3 and cant walk, and has seizures")


def test_a_child_who_cant_sit_still_is_restless_not_unable_to_sit() -> None:
    def unable(text: str) -> list[str]:
        return negated_abilities(text.split(" "))

    assert unable("cant sit still for a minute") == []
    assert unable("he cant keep still") == []
    assert unable("she cant sit up yet") == ["she unable to sit up yet"]


@pytest.mark.django_db
def test_round_before_a_possessive_is_around() -> None:
    everyday_terms(*WRONG, *SHAPES)
    read = site_reads("I have lots of soft fatty lumps round my neck and shoulders")
    assert LIPOMA in read
    assert CERVICAL_KYPHOSIS not in read
    assert DOWN_SLOPING_SHOULDERS not in read
    assert ROUND_FACE in site_reads("she has a round face and a short neck")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "meant", "wrong"),
    [
        ("one side of his face is smaller than the other", FACIAL_ASYMMETRY, SMALL_FACE),
        ("one leg is thinner and shorter than the other", LOWER_LIMB_ASYMMETRY, SHORT_LOWER_LIMBS),
        ("one of his legs is bigger and longer than the other", LOWER_LIMB_ASYMMETRY, None),
    ],
)
def test_one_side_said_against_the_other_is_an_asymmetry(
    text: str, meant: str, wrong: str | None
) -> None:
    everyday_terms(*SHAPES)
    read = site_reads(text)
    assert meant in read
    assert wrong not in read
    assert HEMIHYPERTROPHY in site_reads("one side of his body is bigger than the other")
