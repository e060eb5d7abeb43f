"""benchmarks/heldout_draw.py: --min-signs widens the commoner pool, and seven stays the default."""

from __future__ import annotations

import pytest

from benchmarks.heldout_draw import MIN_SIGNS, candidate_pool, parse_args
from tests.factories.knowledge import ConditionFactory, ConditionPhenotypeFactory

POINT = "Orphanet (Point prevalence, Europe)"


def _condition(signs: int, prevalence: str = "1-9 / 100 000", source: str = POINT):
    condition = ConditionFactory(prevalence=prevalence, prevalence_source=source)
    for _ in range(signs):
        ConditionPhenotypeFactory(condition=condition, frequency=0.5)
    # A rare sign does not count towards the pool.
    ConditionPhenotypeFactory(condition=condition, frequency=0.1)
    return condition.primary_id


def test_seven_signs_stay_the_default_so_old_draws_reproduce() -> None:
    assert MIN_SIGNS == 7
    assert parse_args(["--seed", "270", "--common"]).min_signs == 7
    assert parse_args(["--seed", "290", "--common", "--min-signs", "3"]).min_signs == 3


@pytest.mark.django_db
def test_min_signs_takes_commoner_conditions_with_fewer_signs() -> None:
    seven = _condition(7)
    five = _condition(5)
    two = _condition(2)
    rare = _condition(5, prevalence="1-9 / 1 000 000")
    birth = _condition(5, source="Orphanet (Prevalence at birth, Europe)")

    def ids(**kwargs) -> set[str]:
        return {c.primary_id for c in candidate_pool(**kwargs)} & {seven, five, two, rare, birth}

    assert ids(common=True) == {seven}
    assert ids(min_signs=5, common=True) == {seven, five}
    assert ids(min_signs=5) == {seven, five, rare, birth}
