"""A condition's name that is also an HPO sign's label answers the condition first, on every
backend (issue 17).

HPO names a urine finding "Aspartylglucosaminuria", as Orphanet names the disease (ORPHA:93).
Both are exact name keys: OpenSearch multiplied the exact boost by the row's rank (phenotypes
0.9) while PostgreSQL added it unscaled, so there the sign's richer text ranked it first.
"Lou Gehrig's disease" is a layperson label of HPO's HP:0007354 and a synonym of ORPHA:803;
"Neurofibromatosis" an exact synonym of the sign Neurofibroma and an HGNC other name of NF1,
while Orphanet writes the group "Neurofibromatosis/schwannomatosis" (ORPHA:634518).
Names, synonyms and definitions as Orphanet, HPO (release 2025-01-16) and HGNC write them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Condition, Gene, Phenotype, SynonymKind
from knowledge.typed_names import slash_parts
from search.indexer import rebuild, suspend_signals
from tests.factories.knowledge import GeneFactory
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    create_phenotype,
    search_ids,
    search_lines,
)

pytestmark = pytest.mark.django_db

CONDITIONS = ["ORPHA:93", "ORPHA:803", "ORPHA:634518"]
PHENOTYPES = ["HP:0012068", "HP:0007354", "HP:0001067"]


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
            create_condition(
                "ORPHA:803",
                "Amyotrophic lateral sclerosis",
                "A neurodegenerative disease characterized by progressive muscular paralysis "
                "reflecting degeneration of motor neurons in the primary motor cortex "
                "corticospinal tracts brainstem and spinal cord.",
                [
                    ("ALS", SynonymKind.SYNONYM),
                    ("Charcot disease", SynonymKind.SYNONYM),
                    ("Lou Gehrig disease", SynonymKind.SYNONYM),
                ],
            )
            create_phenotype(
                "HP:0007354", "Amyotrophic lateral sclerosis", [("Lou Gehrig's disease", True)], ""
            )
            create_condition(
                "ORPHA:634518",
                "Neurofibromatosis/schwannomatosis",
                "",
                [("NF/SWN", SynonymKind.SYNONYM)],
                is_group=True,
            )
            create_phenotype(
                "HP:0001067",
                "Neurofibroma",
                [
                    ("multiple neurofibromas", False),
                    ("Neurofibromata", False),
                    ("Neurofibromatosis", False),
                ],
                "A benign peripheral nerve sheath tumor that generally appears as a soft, "
                "skin-colored papule or small subcutaneous nodule. Individuals with "
                "neurofibromatosis can have numerous neurofibromas.",
            )
            GeneFactory(
                symbol="NF1",
                hgnc_id="HGNC:7765",
                name="neurofibromin 1",
                other_names=["neurofibromatosis", "von Recklinghausen disease", "Watson disease"],
                ncbi_gene_id=4763,
            )
        rebuild(progress=False)
        yield
        with suspend_signals():
            Condition.objects.filter(primary_id__in=CONDITIONS).delete()
            Phenotype.objects.filter(hpo_id__in=PHENOTYPES).delete()
            Gene.objects.filter(symbol="NF1").delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_a_condition_name_that_is_also_a_sign_label_answers_the_condition_first(
    client: Client,
) -> None:
    # the sign of the very name is on the condition's line, after it
    assert search_lines(client, "Aspartylglucosaminuria")[0] == ["ORPHA:93", "HP:0012068"]


def test_a_condition_synonym_that_is_also_a_sign_layperson_label_answers_the_condition_first(
    client: Client,
) -> None:
    assert search_lines(client, "Lou Gehrig disease")[0] == ["ORPHA:803", "HP:0007354"]


def test_one_name_of_a_pair_written_a_slash_b_answers_the_condition_before_sign_and_gene(
    client: Client,
) -> None:
    assert search_ids(client, "neurofibromatosis")[0] == "ORPHA:634518"
    assert search_ids(client, "schwannomatosis")[0] == "ORPHA:634518"
    assert {"HP:0001067", "NF1"} <= set(search_ids(client, "neurofibromatosis"))


def test_a_part_of_a_pair_with_spaces_is_no_name() -> None:
    assert slash_parts("Neurofibromatosis/schwannomatosis") == [
        "Neurofibromatosis",
        "schwannomatosis",
    ]
    assert slash_parts("Cleft lip/palate") == []
    assert slash_parts("Desmoplastic/nodular medulloblastoma") == []
    assert slash_parts("Nude/SCID") == []
