"""A DECIPHER entry that repeats an Orphanet name ranks after the Orphanet entry, on every
backend (issue 17).

Both hold the name as an exact key; the source rank (ORPHA 1.0, DECIPHER 0.94) should decide.
The DECIPHER entry, a name and nothing else (a short field), scores more text than the Orphanet
entry with its synonyms: on OpenSearch (BM25, unbounded) by more than the rank made up, and
on this small index on PostgreSQL too. Same-named documents now keep the order of their ranks,
and the DECIPHER entry is shown on the Orphanet entry's line (`search.same_names`).
Names, synonyms and the definition as Orphanet (2025-12) and DECIPHER give them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Condition, SynonymKind
from search.indexer import rebuild, suspend_signals
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    search_lines,
)

pytestmark = pytest.mark.django_db

CONDITIONS = ["ORPHA:280", "DECIPHER:1"]


@pytest.fixture(scope="module", autouse=True)
def same_name(backend: str, django_db_blocker) -> Iterator[None]:
    """Orphanet's and DECIPHER's Wolf-Hirschhorn syndrome, indexed, and removed afterwards."""
    with django_db_blocker.unblock():
        with suspend_signals():
            create_condition(
                "ORPHA:280",
                "Wolf-Hirschhorn syndrome",
                "A developmental disorder characterized by typical craniofacial features "
                "prenatal and postnatal growth impairment intellectual disability severe delayed "
                "psychomotor development seizures and hypotonia.",
                [
                    ("4p- syndrome", SynonymKind.SYNONYM),
                    ("Distal deletion 4p", SynonymKind.SYNONYM),
                    ("Distal monosomy 4p", SynonymKind.SYNONYM),
                    ("Telomeric deletion 4p", SynonymKind.SYNONYM),
                ],
            )
            create_condition(
                "DECIPHER:1", "Wolf-Hirschhorn syndrome", "", [], slug="wolf-hirschhorn-syndrome-1"
            )
        rebuild(progress=False)
        yield
        with suspend_signals():
            Condition.objects.filter(primary_id__in=CONDITIONS).delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.parametrize(
    "query", ["wolf hirschhorn", "Wolf-Hirschhorn syndrome", "what is wolf hirschhorn syndrome"]
)
def test_the_orphanet_entry_ranks_before_a_decipher_entry_of_the_same_name(
    client: Client, query: str
) -> None:
    # one line: the Orphanet entry, the DECIPHER entry of its very name shown on it
    assert search_lines(client, query)[0] == CONDITIONS
