"""The one entry point: rank every annotated condition for a case, one page at a time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from treatments.phenotypes.explain import (
    ExcludedSign,
    ExpectedSign,
    PhenotypeMatch,
    absent_explain,
    excluded_explain,
    matches_explain,
    notes_explain,
)
from treatments.phenotypes.index import PhenotypeIndex, phenotype_index_get
from treatments.phenotypes.scoring import (
    DEFAULT_WEIGHTS,
    Case,
    RankWeights,
    conditions_score,
    covered_terms,
)

MAX_LIMIT = 200
MAX_TERMS = 100  # observed plus excluded terms read from one case
MAX_AGE_MONTHS = 1500
SEXES = ("female", "male")


@dataclass(frozen=True)
class ConditionScore:
    """A ranked condition and why: matched signs, frequent signs absent, excluded signs, priors."""

    condition_id: int
    score: float
    matches: tuple[PhenotypeMatch, ...]
    absent: tuple[ExpectedSign, ...] = ()
    excluded: tuple[ExcludedSign, ...] = ()
    notes: tuple[str, ...] = ()
    rank: int = 0


def _terms(index: PhenotypeIndex, phenotype_ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(index.position[pk] for pk in phenotype_ids if pk in index.position))


def case_build(
    index: PhenotypeIndex,
    *,
    phenotype_ids: Sequence[int],
    excluded_ids: Sequence[int] = (),
    age_months: int | None = None,
    sex: str | None = None,
    gene_symbols: Sequence[str] = (),
) -> Case:
    """Map database ids onto the index and bound every input (a sign both seen and excluded is seen)."""
    observed = _terms(index, phenotype_ids)[:MAX_TERMS]
    excluded = [t for t in _terms(index, excluded_ids) if t not in observed]
    if age_months is not None:
        age_months = min(max(int(age_months), 0), MAX_AGE_MONTHS)
    sex = sex.lower() if sex and sex.lower() in SEXES else None
    genes = tuple(dict.fromkeys(g.strip().upper() for g in gene_symbols if g.strip()))[:10]
    return Case(
        observed=tuple(observed),
        excluded=tuple(excluded[: MAX_TERMS - len(observed)]),
        age_months=age_months,
        sex=sex,
        genes=genes,
    )


def conditions_order(
    index: PhenotypeIndex, case: Case, weights: RankWeights = DEFAULT_WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
    """Condition indices best first (ties by condition pk, so runs agree) and their scores."""
    scores = conditions_score(index, case, weights)
    return np.lexsort((index.condition_ids, -scores)), scores


def _page(
    index: PhenotypeIndex,
    case: Case,
    end: int,
    weights: RankWeights = DEFAULT_WEIGHTS,
    prior: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The first `end` of conditions_order without sorting them all (same order, same ties)."""
    scores = conditions_score(index, case, weights)
    if prior is not None:
        scores = scores + prior
    if end >= len(scores):
        return np.lexsort((index.condition_ids, -scores)), scores
    cut = np.partition(-scores, end - 1)[end - 1]
    pool = np.flatnonzero(-scores <= cut)  # everything at least as good as the end-th, ties too
    order = pool[np.lexsort((index.condition_ids[pool], -scores[pool]))]
    return order[:end], scores


def conditions_rank_by_phenotypes(
    *,
    phenotype_ids: Sequence[int],
    excluded_ids: Sequence[int] = (),
    age_months: int | None = None,
    sex: str | None = None,
    gene_symbols: Sequence[str] = (),
    limit: int = 20,
    offset: int = 0,
    index: PhenotypeIndex | None = None,
    weights: RankWeights = DEFAULT_WEIGHTS,
    prior: np.ndarray | None = None,
    details: bool = True,
) -> list[ConditionScore]:
    """Rank every annotated condition for the observed signs (and the rest), one page, best first.

    `weights` and `prior` (a score added per condition, aligned with `index.condition_ids`) let a
    caller with other evidence, such as the family description search, adapt the ranking.
    `details=False` explains the matches only (absent, excluded and notes are left empty), for a
    caller that shows nothing else.
    """
    index = index or phenotype_index_get()
    case = case_build(
        index, phenotype_ids=phenotype_ids, excluded_ids=excluded_ids, age_months=age_months,
        sex=sex, gene_symbols=gene_symbols,
    )  # fmt: skip
    if not case.observed or len(index.condition_ids) == 0:
        return []
    offset = min(max(int(offset), 0), len(index.condition_ids))
    page, scores = _page(index, case, offset + min(max(int(limit), 1), MAX_LIMIT), weights, prior)
    page = page[offset:]
    rows = [
        ConditionScore(
            condition_id=int(index.condition_ids[i]),
            score=round(float(scores[i]), 4),
            matches=matches_explain(index, case, i),
            rank=offset + n,
        )
        for n, i in enumerate(page.tolist(), 1)
    ]
    if not details:
        return rows
    covered = covered_terms(index, case.observed)  # the same for every row of the page
    return [
        replace(
            row,
            absent=absent_explain(index, case, i, weights, covered),
            excluded=excluded_explain(index, case, i),
            notes=notes_explain(index, case, i),
        )
        for row, i in zip(rows, page.tolist(), strict=True)
    ]
