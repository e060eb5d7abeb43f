"""A study's title names the condition its trial enrolls: when a sign of the same name leads the
page, the condition whose name holds the sign's comes first (issue 17, API, every backend).

NCT04899310's brief title names "Isolated Methylmalonic Acidemia"; Orphanet names the group of
isolated forms "Methylmalonic acidemia without homocystinuria" (ORPHA:293355), its sibling
"Methylmalonic acidemia with homocystinuria" (ORPHA:26), and HPO the finding "Methylmalonic
acidemia" (HP:0002912). A condition comes first only when the title says its whole name: the
isolated title does not say "without homocystinuria", and must never answer the sibling with
homocystinuria. A bare "... With Anemia" likewise keeps HPO's "Anemia" (HP:0001903) ahead of
Orphanet's "Sickle cell anemia" (ORPHA:232). Names, synonyms and definitions as Orphanet
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
SIBLING = "ORPHA:26"
SIGN = "HP:0002912"
ANEMIA = "HP:0001903"
SICKLE_CELL_ANEMIA = "ORPHA:232"
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
            create_condition(
                SIBLING,
                "Methylmalonic acidemia with homocystinuria",
                "Methylmalonic acidemia with homocystinuria is an inborn error of vitamin B12 "
                "(cobalamin) metabolism characterized by megaloblastic anemia, lethargy, failure "
                "to thrive, developmental delay, intellectual deficit and seizures.",
                [("Methylmalonic aciduria with homocystinuria", SynonymKind.SYNONYM)],
                is_group=True,
            )
            create_condition(
                SICKLE_CELL_ANEMIA,
                "Sickle cell anemia",
                "Sickle cell anemia is the most frequent form of sickle cell disease, "
                "characterized by hemolytic anemia, painful vaso-occlusive crises and "
                "progressive multiple organ damage.",
                [("HbSS disease", SynonymKind.SYNONYM)],
            )
            create_phenotype(
                ANEMIA,
                "Anemia",
                [("Low number of red blood cells or haemoglobin", False)],
                "A reduction in erythrocytes volume or hemoglobin concentration.",
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
            Condition.objects.filter(
                primary_id__in=[CONDITION, SIBLING, SICKLE_CELL_ANEMIA]
            ).delete()
            Phenotype.objects.filter(hpo_id__in=[SIGN, ANEMIA]).delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_a_title_naming_a_condition_s_whole_name_answers_it_before_the_sign(
    client: Client,
) -> None:
    ids = search_ids(
        client, "A Study of Drug in Participants With Methylmalonic Acidemia With Homocystinuria"
    )
    assert ids[0] == SIBLING


def test_a_title_naming_only_the_sign_keeps_the_sign_first(client: Client) -> None:
    # Was: "Methylmalonic acidemia without homocystinuria" first, a name the title does not say;
    # with the sibling indexed the wrong one could lead (the real knowledge base answered
    # "Methylmalonic acidemia with homocystinuria", the opposite of an isolated form).
    ids = search_ids(client, TITLE)
    assert ids[0] == SIGN


def test_a_bare_sign_in_a_title_does_not_answer_a_condition_holding_its_word(
    client: Client,
) -> None:
    # Was: Sickle cell anemia first for a title that never says "sickle cell".
    ids = search_ids(client, "Study in Patients With Anemia")
    assert ids[0] == ANEMIA


def test_the_sign_still_leads_when_the_query_is_no_title(client: Client) -> None:
    # A family's or a report's words are not a title: the sign of the very name stays first.
    assert search_ids(client, "methylmalonic acidemia")[0] == SIGN
