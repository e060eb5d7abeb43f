"""benchmarks/heldout_draw.py: --min-signs widens the commoner pool, and seven stays the default;
--unknown-headline draws the commoner conditions whose headline class is unknown; --commoner
draws from both commoner pools at once."""

from __future__ import annotations

import pytest

from benchmarks.heldout_draw import MIN_SIGNS, candidate_pool, commoner_pool_name, parse_args
from tests.factories.knowledge import ConditionFactory, ConditionPhenotypeFactory

POINT = "Orphanet (Point prevalence, Europe)"


def _condition(signs: int, prevalence: str = "1-9 / 100 000", source: str = POINT, statements=()):
    condition = ConditionFactory(
        prevalence=prevalence, prevalence_source=source, prevalence_statements=list(statements)
    )
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


def _statement(klass: str, kind: str = "Point prevalence", where: str = "Europe") -> dict:
    return {"class": klass, "type": kind, "geographic": where, "qualification": "Class only",
            "mean_value": "", "source": "EXPERT", "label": f"Orphanet ({kind}, {where})"}  # fmt: skip


@pytest.mark.django_db
def test_unknown_headline_pool_holds_only_an_unknown_headline_with_a_known_common_statement():
    unknown = _statement("Unknown", where="Worldwide")
    birth = _condition(
        5, "Unknown", statements=[_statement("1-9 / 100 000", "Prevalence at birth"), unknown]
    )
    regional = _condition(5, "Unknown", statements=[_statement("1-5 / 10 000"), unknown])
    no_headline = _condition(5, "", "", statements=[_statement(">1 / 1000", "Point prevalence")])
    known_headline = _condition(5, statements=[_statement("1-9 / 100 000")])
    rare_statement = _condition(5, "Unknown", statements=[_statement("1-9 / 1 000 000"), unknown])
    incidence = _condition(
        5, "Unknown", statements=[_statement("1-9 / 100 000", "Annual incidence"), unknown]
    )
    only_unknown = _condition(5, "Unknown", statements=[unknown])
    few_signs = _condition(2, "Unknown", statements=[_statement("1-5 / 10 000"), unknown])
    made = {birth, regional, no_headline, known_headline, rare_statement, incidence,
            only_unknown, few_signs}  # fmt: skip

    def ids(**kwargs) -> set[str]:
        return {c.primary_id for c in candidate_pool(**kwargs)} & made

    assert ids(min_signs=5, unknown_headline=True) == {birth, regional, no_headline}
    assert ids(min_signs=2, unknown_headline=True) == {birth, regional, no_headline, few_signs}
    # The default pool and the --common pool are unchanged.
    assert ids(min_signs=5) == made - {few_signs}
    assert ids(min_signs=5, common=True) == {known_headline}
    assert parse_args(["--seed", "27", "--unknown-headline"]).unknown_headline
    assert not parse_args(["--seed", "27"]).unknown_headline


@pytest.mark.django_db
def test_commoner_pool_holds_both_commoner_pools_and_names_each_conditions_pool():
    unknown = _statement("Unknown", where="Worldwide")
    common = _condition(5)
    birth_only = _condition(5, "Unknown", statements=[_statement("1-9 / 100 000", "Prevalence at birth"), unknown])  # fmt: skip
    rare = _condition(5, prevalence="1-9 / 1 000 000")
    rare_statement = _condition(5, "Unknown", statements=[_statement("1-9 / 1 000 000"), unknown])
    few_signs = _condition(2)
    made = {common, birth_only, rare, rare_statement, few_signs}

    pool = [c for c in candidate_pool(min_signs=5, commoner=True) if c.primary_id in made]

    assert {c.primary_id for c in pool} == {common, birth_only}
    assert {c.primary_id: commoner_pool_name(c) for c in pool} == {
        common: "common",
        birth_only: "unknown-headline",
    }
    assert {c.primary_id for c in candidate_pool(min_signs=2, commoner=True)} & made == {
        common, birth_only, few_signs}  # fmt: skip
    assert parse_args(["--seed", "32", "--commoner"]).commoner
    assert not parse_args(["--seed", "32", "--common"]).commoner
