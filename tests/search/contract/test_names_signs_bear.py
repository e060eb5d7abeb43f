"""A condition's name that an HPO sign's synonym carries, or that Orphanet keeps only inside a
"Classic ..." synonym, answers the condition first, on every backend, through the search API
(issue 17):

- HPO gives the sign Angiokeratoma corporis diffusum the exact synonym "Fabry syndrome", where
  Orphanet names the disease "Fabry disease": typed either way, the disease comes first and the
  sign next. "Cushing syndrome" (a synonym of Increased circulating cortisol level) keeps the
  sign first: Orphanet names other conditions "... Cushing syndrome" ("Adrenal Cushing
  syndrome"), a state apart from Cushing disease, which follows;
- "Classic Hodgkin disease" (a synonym of Classic Hodgkin lymphoma) without "Classic" is the old
  name of the whole disease, which Orphanet names "Hodgkin lymphoma"; "Classic homocystinuria"
  without it is still its entry's name, and the entry leads the sign "Homocystinuria";
- a possessive typed with the other head word ("behcets syndrome") is Behçet disease.

Rows: Orphanet ORPHApackets (Dec 2025) names and synonyms of ORPHA:324, 2497, 96253, 647758,
98293, 391, 394, 117; HPO 2025-01-16 HP:0001071, HP:0003118, HP:0002156 with their synonyms.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from search.indexer import suspend_signals
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_phenotype,
    indexed,
    named_condition,
    search_ids,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    with suspend_signals():
        conditions = [
            named_condition(
                "ORPHA:324",
                "Fabry disease",
                "Alpha-galactosidase A deficiency",
                "Anderson-Fabry disease",
                "Angiokeratoma corporis diffusum",
                "Diffuse angiokeratoma",
                "FD",
            ),
            # "Fryns-Hofkens-Fabry syndrome" names three people, not a kind of Fabry syndrome
            named_condition(
                "ORPHA:2497",
                "Upper limb mesomelic dysplasia, type Fryns",
                "Fryns-Hofkens-Fabry syndrome",
            ),
            named_condition(
                "ORPHA:96253",
                "Cushing disease",
                "Corticotroph pituitary adenoma",
                "Pituitary-dependent Cushing syndrome",
            ),
            named_condition("ORPHA:647758", "Adrenal Cushing syndrome", "Adrenal CS"),
            named_condition("ORPHA:98293", "Hodgkin lymphoma"),
            named_condition("ORPHA:391", "Classic Hodgkin lymphoma", "Classic Hodgkin disease"),
            named_condition(
                "ORPHA:394",
                "Homocystinuria due to cystathionine beta-synthase deficiency",
                "Classic homocystinuria",
                "Cystathionine beta-synthase deficiency",
            ),
            named_condition("ORPHA:117", "Behçet disease"),
        ]
        signs = [
            create_phenotype(
                "HP:0001071", "Angiokeratoma corporis diffusum", [("Fabry syndrome", False)], ""
            ),
            create_phenotype(
                "HP:0003118",
                "Increased circulating cortisol level",
                [("Cushing syndrome", False), ("Hypercortisolism", False)],
                "",
            ),
            create_phenotype(
                "HP:0002156", "Homocystinuria", [("High urine homocystine levels", True)], ""
            ),
        ]
    with indexed("condition", conditions), indexed("phenotype", signs):
        yield client_over_contract_phenotypes()


def test_a_disease_name_a_sign_bears_with_the_other_head_word_answers_the_disease(
    client: Client,
) -> None:
    # was: the sign Angiokeratoma corporis diffusum first
    assert search_ids(client, "fabry syndrome")[:2] == ["ORPHA:324", "HP:0001071"]
    assert search_ids(client, "fabrys syndrome")[:2] == ["ORPHA:324", "HP:0001071"]
    # a name other conditions end with keeps the sign first, the disease next
    assert search_ids(client, "cushing syndrome")[:2] == ["HP:0003118", "ORPHA:96253"]


def test_an_old_name_inside_a_classic_synonym_answers_the_disease_it_names(
    client: Client,
) -> None:
    # was: Classic Hodgkin lymphoma first, by its synonym read without "Classic"
    assert search_ids(client, "hodgkin disease")[0] == "ORPHA:98293"
    # was: the sign first
    assert search_ids(client, "homocystinuria")[:2] == ["ORPHA:394", "HP:0002156"]


def test_a_possessive_with_the_other_head_word_is_the_disease(client: Client) -> None:
    # was: Behçet disease fourth, after three syndromes whose text says "Behçet"
    assert search_ids(client, "behcets syndrome")[0] == "ORPHA:117"
