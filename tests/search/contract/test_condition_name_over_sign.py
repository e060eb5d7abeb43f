"""A condition's name that is also an HPO sign's label answers the condition first, on every
backend (issue 17).

HPO names a urine finding "Aspartylglucosaminuria", as Orphanet names the disease (ORPHA:93).
Both are exact name keys: OpenSearch multiplied the exact boost by the row's rank (phenotypes
0.9) while PostgreSQL added it unscaled, so there the sign's richer text ranked it first.
Names and definitions as Orphanet and HPO (release 2025-01-16) write them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Condition, Phenotype, SynonymKind
from search.indexer import rebuild, suspend_signals
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    create_phenotype,
    search_ids,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def shared_name(backend: str, django_db_blocker) -> Iterator[None]:
    """The condition and the sign of the same name, indexed, and removed afterwards."""
    with django_db_blocker.unblock():
        with suspend_signals():
            create_condition(
                "ORPHA:93",
                "Aspartylglucosaminuria",
                "A rare oligosaccharidosis characterized by facial dysmorphism progressive "
                "intellectual disability and psychomotor deterioration due to accumulation of "
                "glycoasparagines in tissues and body fluids.",
                [("Aspartylglucosaminidase deficiency", SynonymKind.SYNONYM)],
            )
            create_phenotype(
                "HP:0012068",
                "Aspartylglucosaminuria",
                [("High urine aspartylglucosamine levels", True)],
                "Excretion of excess amounts of aspartylglucosamine in the urine.",
            )
        rebuild(progress=False)
        yield
        with suspend_signals():
            Condition.objects.filter(primary_id="ORPHA:93").delete()
            Phenotype.objects.filter(hpo_id="HP:0012068").delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_a_condition_name_that_is_also_a_sign_label_answers_the_condition_first(
    client: Client,
) -> None:
    assert search_ids(client, "Aspartylglucosaminuria")[:2] == ["ORPHA:93", "HP:0012068"]
