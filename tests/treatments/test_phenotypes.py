"""Phenotype similarity ranks conditions from the database's HPO DAG and annotations."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from django.utils import timezone

from ingest.rows import upsert_rows
from kbimport.importers.common import import_run
from kbimport.importers.information import phenotype_information_content_update
from knowledge.models import Condition, ConditionGene, ConditionPhenotype, Phenotype
from treatments.phenotypes import (
    conditions_rank_by_phenotypes,
    phenotype_index_build,
    phenotype_index_clear,
    phenotype_index_get,
)
from treatments.phenotypes.scoring import Case, RankWeights, conditions_score
from treatments.query import TreatmentQuery
from treatments.selectors import treatment_list_ranked


def _ids(hpo_ids: list[str]) -> list[int]:
    return list(Phenotype.objects.filter(hpo_id__in=hpo_ids).values_list("id", flat=True))


DMD_FIVE = ["HP:0008981", "HP:0003236", "HP:0002515", "HP:0003701", "HP:0001638"]


def test_five_dmd_phenotypes_rank_duchenne_first(kb: dict) -> None:
    ids = list(Phenotype.objects.filter(hpo_id__in=DMD_FIVE).values_list("id", flat=True))
    ranking = conditions_rank_by_phenotypes(phenotype_ids=ids, limit=10)
    assert ranking[0].condition_id == kb["conditions"]["98896"].pk
    assert len(ranking) == 10
    assert [s.score for s in ranking] == sorted((s.score for s in ranking), reverse=True)
    dmd = next(s for s in ranking if s.condition_id == kb["conditions"]["98896"].pk)
    exact = {m.query_hpo_id for m in dmd.matches if m.kind == "exact"}
    assert exact == set(DMD_FIVE)  # all five are annotated on DMD in Orphanet


def test_a_match_through_an_ancestor_is_named(kb: dict) -> None:
    # "Progressive proximal muscle weakness" is not annotated on SMA; its ancestor is.
    term = Phenotype.objects.get(hpo_id="HP:0003701")  # proximal muscle weakness
    sma = kb["conditions"]["70"]
    ranking = conditions_rank_by_phenotypes(phenotype_ids=[term.pk], limit=40)
    by_condition = {s.condition_id: s for s in ranking}
    assert by_condition[sma.pk].matches[0].kind == "exact"
    cf = by_condition.get(kb["conditions"]["586"].pk)
    if cf is not None:  # CF has no muscle weakness: any match is through a broader term
        assert all(m.kind != "exact" for m in cf.matches)


def test_information_content_is_higher_for_specific_terms(kb: dict) -> None:
    phenotype_information_content_update()
    root = Phenotype.objects.get(hpo_id="HP:0000118")  # Phenotypic abnormality
    calf = Phenotype.objects.get(hpo_id="HP:0008981")
    assert root.information_content == 0.0
    assert calf.information_content > 1.0


def test_scores_match_a_brute_force_walk_of_the_dag(kb: dict) -> None:
    index = phenotype_index_build()
    pks = Phenotype.objects.filter(hpo_id__in=DMD_FIVE).values_list("id", flat=True)
    case = Case(observed=tuple(index.position[p] for p in pks), excluded=())
    weights = RankWeights(absent_weight=0, size_penalty=0)
    fast = conditions_score(index, case, weights)
    for cond in range(len(index.condition_ids)):
        start, end = index.annot_ptr[cond], index.annot_ptr[cond + 1]
        annotated = list(zip(index.annot_terms[start:end].tolist(),
                             index.annot_freq[start:end].tolist(), strict=True))  # fmt: skip
        total = 0.0
        for q in case.observed:
            best = -min(weights.broader_penalty * index.ic[q], weights.unmatched_cap)
            for a in index.ancestors[q].tolist():
                below = [f for t, f in annotated if a in index.ancestors[t].tolist()]
                if below:
                    f = max(weights.unknown_frequency if x == -1 else x for x in below)
                    value = index.ic[a] - weights.broader_penalty * (index.ic[q] - index.ic[a])
                    best = max(best, value + weights.frequency_weight * math.log(max(f, 1e-3)))
            total += best
        assert abs(fast[cond] - total) < 1e-6


def test_a_sign_no_condition_explains_costs_at_most_the_cap(kb: dict) -> None:
    # A published case often lists a second problem; it must not bury the right condition.
    index = phenotype_index_build()
    seen = tuple(index.position[p] for p in _ids(DMD_FIVE))
    odd = int(index.ic.argmax())  # a sign only one condition has
    weights = RankWeights(absent_weight=0)
    before = conditions_score(index, Case(observed=seen, excluded=()), weights)
    after = conditions_score(index, Case(observed=(*seen, odd), excluded=()), weights)
    assert index.ic[odd] > weights.unmatched_cap
    assert (before - after).max() == pytest.approx(weights.unmatched_cap)


def test_symptoms_in_everyday_words_widen_a_search_without_diagnosis(kb: dict) -> None:
    words = "calf muscle hypertrophy, HP:0003236, waddling gait, HP:0003701, cardiomyopathy"
    results = treatment_list_ranked(query=TreatmentQuery(phenotypes=words))
    assert len(results.phenotypes) == 5
    assert results.ranked_conditions[0].condition.primary_id == "ORPHA:98896"
    assert results.results, "DMD therapies should be reached through the suggested condition"
    assert results.results[0].tier == "phenotype"
    assert "similarity to the symptoms" in results.results[0].reasons[0]


def test_the_likelihood_background_is_the_terms_average_frequency(kb: dict) -> None:
    """LIRICAL's denominator: a term's frequency (best at or below it) averaged over conditions."""
    index = phenotype_index_build()
    term = index.position[_ids(["HP:0003236"])[0]]  # elevated circulating creatine kinase
    total = 0.0
    for cond in range(len(index.condition_ids)):
        start, end = index.annot_ptr[cond], index.annot_ptr[cond + 1]
        below = [0.8 if f == -1 else f
                 for t, f in zip(index.annot_terms[start:end].tolist(),
                                 index.annot_freq[start:end].tolist(), strict=True)
                 if term in index.ancestors[t].tolist()]  # fmt: skip
        total += max(below, default=0.0)
    expected = -math.log(total / len(index.condition_ids))
    assert index.background_ic[term] == pytest.approx(expected, rel=1e-5)
    seen = Case(observed=(term,), excluded=())
    plain = conditions_score(index, seen, RankWeights(absent_weight=0, size_penalty=0))
    ratio = conditions_score(
        index, seen, RankWeights(absent_weight=0, size_penalty=0, likelihood_ratio=1.0)
    )
    assert not (plain == ratio).all()


def test_a_sign_implied_by_a_more_specific_one_can_count_as_no_extra_evidence(kb: dict) -> None:
    index = phenotype_index_build()
    calf, muscle = (index.position[p] for p in _ids(["HP:0008981", "HP:0003712"]))
    assert muscle in index.ancestors[calf].tolist()  # skeletal muscle hypertrophy is broader
    weights = RankWeights(implied_weight=0.0)
    alone = conditions_score(index, Case(observed=(calf,), excluded=()), weights)
    both = conditions_score(index, Case(observed=(calf, muscle), excluded=()), weights)
    assert alone == pytest.approx(both)


def test_a_second_edit_within_the_same_second_is_not_served_the_index_built_before_it(
    kb: dict,
) -> None:
    """The index is cached (Redis) under a version that carries the conditions' newest change
    time: counted in whole seconds, an edit in the same second as the last build kept its key."""
    dmd = kb["conditions"]["98896"]
    second = timezone.now().replace(microsecond=0) + timedelta(days=1)
    Condition.objects.filter(pk=dmd.pk).update(
        inheritance=["autosomal_recessive"], updated_at=second + timedelta(microseconds=100_000)
    )
    phenotype_index_clear()
    index = phenotype_index_get()
    assert index.inheritance[list(index.condition_ids).index(dmd.pk)] == ("autosomal_recessive",)
    Condition.objects.filter(pk=dmd.pk).update(
        inheritance=["x_linked_recessive"], updated_at=second + timedelta(microseconds=400_000)
    )
    phenotype_index_clear()  # as an import does after changing conditions
    index = phenotype_index_get()
    assert index.inheritance[list(index.condition_ids).index(dmd.pk)] == ("x_linked_recessive",)


def _annotation_frequency(index, condition_pk: int, phenotype_pk: int) -> float:
    at = list(index.condition_ids).index(condition_pk)
    first, end = index.annot_ptr[at], index.annot_ptr[at + 1]
    terms = list(index.annot_terms[first:end])
    return float(index.annot_freq[first + terms.index(index.position[phenotype_pk])])


def _an_annotation_served_before_its_change(
    kb: dict,
) -> tuple[Condition, ConditionPhenotype, float]:
    """Duchenne's first annotation, a frequency it does not have, and the index built (and
    cached) before the change, serving the old one."""
    dmd = kb["conditions"]["98896"]
    annotation = ConditionPhenotype.objects.filter(condition=dmd).order_by("id").first()
    changed = 0.125 if annotation.frequency != 0.125 else 0.375
    phenotype_index_clear()
    before = phenotype_index_get()
    assert _annotation_frequency(before, dmd.pk, annotation.phenotype_id) != changed
    return dmd, annotation, changed


def test_an_import_rerun_that_changes_a_frequency_in_place_is_not_served_the_old_index(
    kb: dict,
) -> None:
    """An import rerun updates annotations in place: counts, highest ids and the conditions'
    change times stay, so only its run record tells the cached index (Redis, 24 h) it is old."""
    dmd, annotation, changed = _an_annotation_served_before_its_change(kb)
    fields = [f.attname for f in ConditionPhenotype._meta.concrete_fields if not f.primary_key]
    row = {**{name: getattr(annotation, name) for name in fields}, "frequency": changed}
    with import_run("import_hpo", "test: one frequency changed") as tally:
        written = upsert_rows(
            ConditionPhenotype,
            [row],
            conflict=["condition_id", "phenotype_id"],
            update=["frequency"],
        )
        tally.add("ConditionPhenotype", written)
    assert written.updated == 1
    phenotype_index_clear()  # the process forgets; the cache key must have moved too
    after = phenotype_index_get()
    assert _annotation_frequency(after, dmd.pk, annotation.phenotype_id) == pytest.approx(changed)


def test_a_frequency_saved_in_place_outside_an_import_is_not_served_the_old_index(
    kb: dict,
) -> None:
    """A script, the shell or a data migration saves a row with no import run: counts, highest
    ids and the conditions' change times stay, and the cached index (Redis, 24 h) was served."""
    dmd, annotation, changed = _an_annotation_served_before_its_change(kb)
    annotation.frequency = changed
    annotation.save()
    phenotype_index_clear()  # the process forgets; the cache key must have moved too
    after = phenotype_index_get()
    assert _annotation_frequency(after, dmd.pk, annotation.phenotype_id) == pytest.approx(changed)


def test_a_gene_renamed_in_place_is_not_served_the_old_index(kb: dict) -> None:
    link = ConditionGene.objects.select_related("gene").order_by("id").first()
    gene = link.gene
    phenotype_index_clear()
    assert gene.symbol.upper() in phenotype_index_get().gene_conditions
    gene.symbol = f"{gene.symbol}X9"
    gene.save()
    phenotype_index_clear()
    assert gene.symbol.upper() in phenotype_index_get().gene_conditions


def test_a_sign_renamed_in_place_is_not_served_the_old_index(kb: dict) -> None:
    """The admin (or a script) renames a term: counts and ids stay; the explanations would show
    the old name for up to a day."""
    term = Phenotype.objects.filter(condition_links__isnull=False).order_by("id").first()
    phenotype_index_clear()
    assert term.name in phenotype_index_get().names
    term.name = f"{term.name} (renamed)"
    term.save()
    phenotype_index_clear()
    assert term.name in phenotype_index_get().names
