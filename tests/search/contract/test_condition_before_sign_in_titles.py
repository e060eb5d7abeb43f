"""A study's title names the condition its trial enrolls: when a sign of the same name leads the
page, the condition whose name holds the sign's comes first (issue 17, API, every backend).

NCT04899310's brief title names "Isolated Methylmalonic Acidemia"; Orphanet names the group of
isolated forms "Methylmalonic acidemia without homocystinuria" (ORPHA:293355) and HPO the
finding "Methylmalonic acidemia" (HP:0002912). Names, synonyms and definitions as Orphanet
(ORPHApackets 2025-12) and HPO (release 2025-01-16) write them.
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

CONDITION = "ORPHA:293355"
SIGN = "HP:0002912"
TITLE = (
    "A Study to Assess Safety, Pharmacokinetics, and Pharmacodynamics of mRNA-3705 in "
    "Participants With Isolated Methylmalonic Acidemia"
)


@pytest.fixture(scope="module", autouse=True)
def sign_and_condition(backend: str, django_db_blocker) -> Iterator[None]:
    """The sign and the condition whose name holds it, indexed, and removed afterwards."""
    with django_db_blocker.unblock():
        with suspend_signals():
            create_condition(
                CONDITION,
                "Methylmalonic acidemia without homocystinuria",
                "Methylmalonic acidemia is an inborn error of vitamin B12 metabolism "
                "characterized by gastrointestinal and neurometabolic manifestations resulting "
                "from decreased function of the mitochondrial enzyme methylmalonyl-CoA mutase.",
                [("Methylmalonic aciduria without homocystinuria", SynonymKind.SYNONYM)],
                is_group=True,
            )
            create_phenotype(
                SIGN,
                "Methylmalonic acidemia",
                [("Elevated circulating methylmalonic acid concentration", False)],
                "Increased concentration of methylmalonic acid in the blood.",
            )
        rebuild(progress=False)
        yield
        with suspend_signals():
            Condition.objects.filter(primary_id=CONDITION).delete()
            Phenotype.objects.filter(hpo_id=SIGN).delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_a_title_naming_a_sign_s_name_answers_the_condition_that_holds_it_first(
    client: Client,
) -> None:
    # Was: the sign first, the condition second.
    ids = search_ids(client, TITLE)
    assert ids[:2] == [CONDITION, SIGN]


def test_the_sign_still_leads_when_the_query_is_no_title(client: Client) -> None:
    # A family's or a report's words are not a title: the sign of the very name stays first.
    assert search_ids(client, "methylmalonic acidemia")[0] == SIGN
