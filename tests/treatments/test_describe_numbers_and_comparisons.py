"""Signs a family says by a number or a comparison (issue 17): a milestone's age past the norm
HPO's definition of its delay gives ("sat at 14 months", "didn't walk till nearly 2"), a birth
before 37 weeks ("born at 34 weeks"), a size or a look compared with other children or one's
age ("smaller than other kids his age", "looks older than he is"), not looking at people
("doesn't look at us"), an organ said not to work ("my liver isn't working well"), and a body
part named again in a clause of its own ("his knees stay bent and one of his knees is
swollen"). No name of a sign holds those words: before, nothing read them (or "didn't walk"
read Inability to walk)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads
from tests.treatments.test_describe_meaning import shared_var, vectors_dir  # noqa: F401
from tests.treatments.test_describe_search import client, panel  # noqa: F401

DELAYED_SIT = "HP:0025336"
DELAYED_WALK = "HP:0031936"
INABILITY_TO_WALK = "HP:0002540"
PREMATURE_BIRTH = "HP:0001622"
SHORT_STATURE = "HP:0004322"
SMALL_FOR_GESTATIONAL_AGE = "HP:0001518"
AGED_LOOK = "HP:0007495"
REDUCED_EYE_CONTACT = "HP:0000817"
DECREASED_LIVER_FUNCTION = "HP:0001410"
JOINT_SWELLING = "HP:0001386"
TERMS = (SMALL_FOR_GESTATIONAL_AGE, INABILITY_TO_WALK)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("he has seizures and sat at 14 months", DELAYED_SIT),
        ("she has seizures and walked at 2", DELAYED_WALK),
        ("he has seizures and didnt walk till nearly 2", DELAYED_WALK),
        ("she was born at 34 weeks and has seizures", PREMATURE_BIRTH),
        ("he has seizures and is much smaller than other kids his age", SHORT_STATURE),
        ("she is small for her age and has seizures", SHORT_STATURE),
        ("he has seizures and people say he looks older than he is", AGED_LOOK),
        ("he has seizures and doesnt look at us", REDUCED_EYE_CONTACT),
        ("my liver isnt working well and i get seizures", DECREASED_LIVER_FUNCTION),
    ],
)
def test_a_sign_said_by_a_number_or_a_comparison_is_read(text: str, meant: str) -> None:
    everyday_terms(*TERMS)
    assert meant in site_reads(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "not_meant"),
    [
        # At or before the norm of HPO's definitions (sit by 9 months, walk by 15, term at 37
        # weeks) the age says nothing.
        ("he has seizures and sat at 7 months", DELAYED_SIT),
        ("he has seizures and walked at 12 months", DELAYED_WALK),
        ("she was born at 39 weeks and has seizures", PREMATURE_BIRTH),
        # "didn't walk till 2" walked, late: no Inability to walk.
        ("he has seizures and didnt walk till nearly 2", INABILITY_TO_WALK),
        # Small for gestational age is its own sign, not a height for one's age.
        ("she was small for gestational age and has seizures", SHORT_STATURE),
        ("she has seizures and doesnt look like her brother", REDUCED_EYE_CONTACT),
    ],
)
def test_a_number_or_a_comparison_that_says_no_sign_reads_none(text: str, not_meant: str) -> None:
    everyday_terms(*TERMS)
    assert not_meant not in site_reads(text)


def test_a_milestone_said_by_its_age_shows_the_words_typed(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    said = "he has seizures, didnt walk till nearly 2 and doesnt look at us"
    chips = {s["words"]: s["name"] for s in panel(client, said)["described"]["signs"]}
    assert chips["walk till nearly 2"] == "Delayed ability to walk"
    assert chips["doesnt look at us"] == "Reduced eye contact"
    assert "Inability to walk" not in chips.values()


def test_a_body_part_named_again_in_its_own_clause_is_read(
    vectors_dir: Path,  # noqa: F811 (the fixture imported above)
) -> None:
    text = "he bruises easily, his knees stay bent and one of his knees is swollen"
    # Knee flexion contracture is read from the second clause; the third names the knees
    # again (read by meaning until D35's row "knee is swollen" read it by phrase).
    assert JOINT_SWELLING in site_reads(text)
