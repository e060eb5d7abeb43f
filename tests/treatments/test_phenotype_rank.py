"""The ranking uses what a case gives: excluded signs, frequencies, onset, sex, gene; it pages."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    Phenotype,
)
from treatments.phenotypes import (
    MAX_LIMIT,
    conditions_rank_by_phenotypes,
    phenotype_index_build,
    phenotype_index_clear,
)

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "phenopackets" / "cases_small.jsonl"
DMD_FIVE = ["HP:0008981", "HP:0003236", "HP:0002515", "HP:0003701", "HP:0001638"]


def _ids(hpo_ids: list[str]) -> list[int]:
    return list(Phenotype.objects.filter(hpo_id__in=hpo_ids).values_list("id", flat=True))


def _by_condition(**kwargs: object) -> dict:
    ranking = conditions_rank_by_phenotypes(**kwargs, limit=MAX_LIMIT)
    return {s.condition_id: s for s in ranking}


def test_an_excluded_sign_counts_against_a_condition_that_has_it(kb: dict) -> None:
    dmd = kb["conditions"]["98896"].pk
    seen = _ids(DMD_FIVE[:2])
    before = _by_condition(phenotype_ids=seen)[dmd]
    # DMD's most frequent other sign; the patient is said not to have it.
    ruled_out = (
        ConditionPhenotype.objects.filter(condition_id=dmd)
        .exclude(phenotype_id__in=seen)
        .order_by("-frequency", "phenotype__hpo_id")
        .values_list("phenotype__hpo_id", flat=True)[0]
    )
    after = _by_condition(phenotype_ids=seen, excluded_ids=_ids([ruled_out]))[dmd]
    assert after.score < before.score
    assert [x.query_hpo_id for x in after.excluded] == [ruled_out]
    assert before.excluded == ()


def test_frequent_signs_the_case_lacks_are_named(kb: dict) -> None:
    dmd = kb["conditions"]["98896"].pk
    result = _by_condition(phenotype_ids=_ids(DMD_FIVE[:1]))[dmd]
    assert result.absent, "DMD has very frequent signs besides calf hypertrophy"
    assert all(a.frequency >= 0.8 for a in result.absent)
    assert "HP:0008981" not in {a.hpo_id for a in result.absent}
    frequencies = dict(
        ConditionPhenotype.objects.filter(condition_id=dmd).values_list(
            "phenotype__hpo_id", "frequency"
        )
    )
    assert all(frequencies[a.hpo_id] == a.frequency for a in result.absent)


def test_pages_follow_one_full_ranking(kb: dict) -> None:
    seen = _ids(DMD_FIVE)
    whole = conditions_rank_by_phenotypes(phenotype_ids=seen, limit=MAX_LIMIT)
    annotated = Condition.objects.filter(phenotypes__isnull=False).distinct().count()
    assert len(whole) == annotated
    second = conditions_rank_by_phenotypes(phenotype_ids=seen, limit=5, offset=5)
    assert [s.condition_id for s in second] == [s.condition_id for s in whole[5:10]]
    assert [s.rank for s in second] == list(range(6, 11))
    assert len(conditions_rank_by_phenotypes(phenotype_ids=seen, limit=10**9)) <= MAX_LIMIT
    assert conditions_rank_by_phenotypes(phenotype_ids=seen, offset=10**9) == []


def test_a_named_gene_brings_its_conditions_first(kb: dict) -> None:
    seen = _ids(DMD_FIVE)  # DMD's signs, but the gene says SMA
    links = ConditionGene.objects.filter(gene__symbol="SMN1", condition__phenotypes__isnull=False)
    linked = set(links.values_list("condition_id", flat=True))
    assert kb["conditions"]["70"].pk in linked
    ranking = conditions_rank_by_phenotypes(
        phenotype_ids=seen, gene_symbols=["smn1"], limit=len(linked)
    )
    assert {s.condition_id for s in ranking} == linked
    assert "Linked to the gene SMN1." in ranking[0].notes


def test_a_girl_makes_an_x_linked_recessive_condition_less_likely(kb: dict) -> None:
    dmd = kb["conditions"]["98896"]
    Condition.objects.filter(pk=dmd.pk).update(inheritance=["x_linked_recessive"])  # Orphanet's
    phenotype_index_clear()
    index = phenotype_index_build()
    seen = _ids(DMD_FIVE)
    boy = _by_condition(phenotype_ids=seen, sex="male", index=index)[dmd.pk]
    girl = _by_condition(phenotype_ids=seen, sex="female", index=index)[dmd.pk]
    assert girl.score < boy.score
    assert "x_linked_recessive" in girl.notes[0]


def test_onset_far_from_the_conditions_lowers_it(kb: dict) -> None:
    dmd = kb["conditions"]["98896"]
    Condition.objects.filter(pk=dmd.pk).update(onset=["childhood"])  # Orphanet's onset for DMD
    phenotype_index_clear()
    index = phenotype_index_build()
    seen = _ids(DMD_FIVE)
    child = _by_condition(phenotype_ids=seen, age_months=36, index=index)[dmd.pk]
    adult = _by_condition(phenotype_ids=seen, age_months=40 * 12, index=index)[dmd.pk]
    assert adult.score < child.score
    assert child.notes == ()


def test_published_cases_find_their_disease(kb: dict) -> None:
    """17 real phenopackets (tests/fixtures/phenopackets): the diagnosis ranks in the top 3."""
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    holders = {
        f"OMIM:{value}": pk
        for value, pk in ConditionIdentifier.objects.filter(scheme="OMIM").values_list(
            "value", "condition_id"
        )
    }
    pks = dict(Phenotype.objects.values_list("hpo_id", "id"))
    ranks = []
    for case in cases:
        ranking = conditions_rank_by_phenotypes(
            phenotype_ids=[pks[t] for t in case["observed"] if t in pks],
            excluded_ids=[pks[t] for t in case["excluded"] if t in pks],
            limit=MAX_LIMIT,
        )
        ids = [s.condition_id for s in ranking]
        answer = holders[case["disease_id"]]
        ranks.append(ids.index(answer) + 1 if answer in ids else None)
    assert sum(1 for r in ranks if r is not None and r <= 3) >= 15, ranks


def test_matches_only_keep_the_ranking_and_leave_the_rest_out(kb: dict) -> None:
    seen = _ids(DMD_FIVE[:2])
    full = conditions_rank_by_phenotypes(phenotype_ids=seen, limit=20)
    lean = conditions_rank_by_phenotypes(phenotype_ids=seen, limit=20, details=False)
    assert [(s.condition_id, s.score, s.matches) for s in lean] == [
        (s.condition_id, s.score, s.matches) for s in full
    ]
    assert any(s.absent for s in full)
    assert all(s.absent == () and s.excluded == () and s.notes == () for s in lean)
