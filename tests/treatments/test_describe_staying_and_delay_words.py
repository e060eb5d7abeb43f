"""Wordings no reader read (issue 17): a clause that says only that a child is "delayed" or
"behind" ("hes delayed", "shes behind for her age", "isnt developing at all"), "one infection
after another", a sign that "won't go away" (it stays: no denial), "goes blue", "wets herself"
where a row says "wets himself", soiling and a rush to the toilet, and an ability a family
names by its absence with "fix", "follow" or "track" ("his eyes cant fix on our faces").
Before, the phrase table read nothing from them, "soils her pants" read Dyspnea (HPO's synonym
"Panting"), and the meaning reader skipped every clause with "won't" or "can't fix"."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads
from treatments.describe.meaning import unread_clauses
from treatments.describe.selectors import signs_for_text

GLOBAL_DELAY = "HP:0001263"
RECURRENT_INFECTIONS = "HP:0002719"
RECURRENT_CHEST_INFECTIONS = "HP:0002205"
URINARY_INCONTINENCE = "HP:0000020"
ENCOPRESIS = "HP:0040183"
URGENCY = "HP:0000012"
CYANOSIS = "HP:0000961"
DYSPNEA = "HP:0002094"
FEVER = "HP:0001945"
TERMS = (GLOBAL_DELAY, RECURRENT_INFECTIONS, RECURRENT_CHEST_INFECTIONS, ENCOPRESIS, URGENCY)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("he has seizures and hes delayed", GLOBAL_DELAY),
        ("my baby is floppy, arches her back, delayed, and has trouble feeding", GLOBAL_DELAY),
        ("she gets sores in her mouth and shes behind for her age", GLOBAL_DELAY),
        ("seizures started days after birth and hes behind", GLOBAL_DELAY),
        ("he has seizures and isnt developing at all", GLOBAL_DELAY),
        ("he has seizures and catches one infection after another", RECURRENT_INFECTIONS),
        (
            "she has seizures and gets one chest infection after the other",
            RECURRENT_CHEST_INFECTIONS,
        ),
        ("she still wets herself and has seizures", URINARY_INCONTINENCE),
        ("she soils her pants and has seizures", ENCOPRESIS),
        ("his legs are stiff and he always has to rush to the toilet", URGENCY),
        ("he has seizures and goes blue at times", CYANOSIS),
        # The fever stays: still read, and not denied.
        ("she has had a fever for a week that wont go away", FEVER),
    ],
)
def test_the_wording_reads_its_sign(text: str, meant: str) -> None:
    everyday_terms(*TERMS)
    assert meant in site_reads(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "not_meant"),
    [
        # "behind" as a place, "delayed" said of one thing: no delay of development.
        ("the skin behind his knees is red and he has seizures", GLOBAL_DELAY),
        ("his speech is delayed and he has seizures", GLOBAL_DELAY),
        ("she has seizures and is behind the other kids in her class at maths", GLOBAL_DELAY),
        # A thing done "one after another" is not an infection.
        ("he had one seizure after another", RECURRENT_INFECTIONS),
        # Pants are clothes.
        ("she soils her pants and has seizures", DYSPNEA),
    ],
)
def test_a_like_wording_that_says_no_such_sign_reads_none(text: str, not_meant: str) -> None:
    everyday_terms(*TERMS)
    assert not_meant not in site_reads(text)


@pytest.mark.django_db
def test_a_sign_that_wont_go_away_is_left_to_the_meaning_reader_without_those_words() -> None:
    everyday_terms(*TERMS)
    text = "our baby has had thrush in his mouth for months that wont go away and has seizures"
    clauses = unread_clauses(text, signs_for_text(text=text))
    assert "thrush in his mouth for months that" in clauses


@pytest.mark.django_db
def test_eyes_that_cant_fix_or_track_are_read_as_an_inability() -> None:
    everyday_terms(*TERMS)
    for text, said in (
        ("his eyes cant fix on our faces and he has seizures", "eyes unable to fix on our faces"),
        ("her eyes dont track us and she has seizures", "eyes unable to track us"),
    ):
        clauses = unread_clauses(text, signs_for_text(text=text))
        assert any(clause.startswith(said) for clause in clauses), clauses
