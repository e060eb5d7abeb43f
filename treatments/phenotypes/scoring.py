"""Score every condition against a case: a log-likelihood-ratio style sum per sign.

After LIRICAL and Phenomizer: an observed sign scores the information content of its best match
in the condition (a broader match loses part of the credit), weighted by how often the condition
shows it; an excluded sign that the condition usually has counts against it, as do frequent
expected signs the case lacks; onset, sex and a named gene adjust the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from treatments.phenotypes.index import UNKNOWN, PhenotypeIndex

# Start month of each onset category (HPO onset terms); "all_ages" fits every case.
ONSET_START_MONTHS = {
    "antenatal": 0, "neonatal": 0, "infancy": 1, "childhood": 12, "adolescent": 60,
    "adult": 192, "elderly": 720,
}  # fmt: skip
ONSET_ORDER = ("antenatal", "neonatal", "infancy", "childhood", "adolescent", "adult", "elderly")


@dataclass(frozen=True)
class RankWeights:
    """The ranking's parameters; the defaults were tuned on the benchmark's tuning split only."""

    unknown_frequency: float = 0.8  # assumed share of patients for an annotation without one
    frequency_weight: float = 0.5  # weight of log(frequency) in an observed sign's score
    broader_penalty: float = 1.0  # share of the lost specificity charged for a broader match
    excluded_weight: float = 0.1
    absent_weight: float = 0.05
    absent_threshold: float = 0.8  # only signs at least this frequent count when missing
    floor_frequency: float = 0.05  # 1 - frequency is never taken below this
    condition_side_weight: float = 0.0  # Phenomizer's condition-to-case best-match average
    size_penalty: float = 1.0  # per log(number of annotations): big lists match anything
    gene_bonus: float = 20.0
    onset_penalty: float = 2.0
    sex_penalty: float = 4.0
    # The most an unmatched sign costs (LIRICAL's noise floor: a published sign can be a second
    # problem or a mis-coded term); 0 means -broader_penalty x IC, unbounded.
    unmatched_cap: float = 3.0
    # 0: a match scores the term's IC (share of conditions); 1: LIRICAL's background, the term's
    # frequency averaged over all conditions, so log(freq / background) is a likelihood ratio.
    likelihood_ratio: float = 0.0
    # Conditions with fewer than sparse_size annotations pay sparse_penalty x log(sparse_size / n).
    sparse_penalty: float = 0.0
    sparse_size: float = 10.0
    implied_weight: float = 1.0  # a sign another observed sign implies (an ancestor of it)


DEFAULT_WEIGHTS = RankWeights()


@dataclass(frozen=True)
class Case:
    """The validated, index-mapped input of one ranking."""

    observed: tuple[int, ...]  # term indices
    excluded: tuple[int, ...]
    age_months: int | None = None
    sex: str | None = None  # "female" or "male"
    genes: tuple[str, ...] = ()  # upper-case symbols


def frequencies(raw: np.ndarray, weights: RankWeights) -> np.ndarray:
    return np.where(raw == UNKNOWN, weights.unknown_frequency, raw).astype(np.float64)


def specificity(index: PhenotypeIndex, weights: RankWeights) -> np.ndarray:
    if not weights.likelihood_ratio:
        return index.ic
    share = weights.likelihood_ratio
    return (1.0 - share) * index.ic + share * index.background_ic


def sign_scores(index: PhenotypeIndex, q: int, n: int, weights: RankWeights) -> np.ndarray:
    """Each condition's best score for one observed sign over the sign's ancestors."""
    ic = specificity(index, weights)
    ic_q = float(ic[q])
    floor = weights.broader_penalty * ic_q
    if weights.unmatched_cap > 0:
        floor = min(floor, weights.unmatched_cap)
    best = np.full(n, -floor)
    for anc in index.ancestors[q].tolist():
        conds = index.term_conditions[anc]
        if not len(conds):
            continue
        ic_a = float(ic[anc])
        value = ic_a - weights.broader_penalty * (ic_q - ic_a)
        if value <= -floor:
            continue  # the frequency credit is never above 0: no condition can gain here
        value = value + _frequency_credit(index, anc, weights)
        best[conds] = np.maximum(best[conds], value)
    return best


_credits: dict[tuple[str, float, float], dict[int, np.ndarray]] = {}
MAX_CREDITS = 4000  # terms kept (broad ancestors recur in every case)


def _frequency_credit(index: PhenotypeIndex, term: int, weights: RankWeights) -> np.ndarray:
    """frequency_weight x log(frequency) of the term's conditions, kept per index version: the
    same broad ancestors are scored for every sign of every case."""
    key = (index.version, weights.unknown_frequency, weights.frequency_weight)
    per_term = _credits.get(key)
    if per_term is None:
        if len(_credits) >= 4:  # an older index version or other weights
            _credits.clear()
        per_term = _credits[key] = {}
    credit = per_term.get(term)
    if credit is None:
        if len(per_term) >= MAX_CREDITS:
            per_term.clear()
        freq = np.maximum(frequencies(index.term_freq[term], weights), 1e-3)
        credit = per_term[term] = weights.frequency_weight * np.log(freq)
    return credit


def _excluded(index: PhenotypeIndex, e: int, n: int, weights: RankWeights) -> np.ndarray:
    """log(1 - frequency) for conditions that have the excluded sign or a narrower one."""
    penalty = np.zeros(n)
    conds = index.term_conditions[e]
    freq = frequencies(index.term_freq[e], weights)
    penalty[conds] = np.log(np.maximum(1.0 - freq, weights.floor_frequency))
    return penalty


def covered_terms(index: PhenotypeIndex, observed: Sequence[int]) -> np.ndarray:
    """Mask of terms the case speaks to: each observed sign, its ancestors and descendants."""
    mask = np.zeros(len(index.ic), dtype=bool)
    for q in observed:
        mask[index.ancestors[q]] = True
        mask[index.descendants[q]] = True
    return mask


_frequent: dict[tuple[str, float, float], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


def _frequent_signs(
    index: PhenotypeIndex, weights: RankWeights
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(condition, term, log(1 - frequency)) of every annotation at least absent_threshold."""
    key = (index.version, weights.absent_threshold, weights.floor_frequency)
    if key not in _frequent:
        _frequent.clear()  # one index version at a time
        freq = index.annot_freq.astype(np.float64)
        pick = np.flatnonzero(freq >= weights.absent_threshold)
        owner = np.repeat(np.arange(len(index.condition_ids)), np.diff(index.annot_ptr))
        cost = np.log(np.maximum(1.0 - freq[pick], weights.floor_frequency))
        _frequent[key] = (owner[pick], index.annot_terms[pick], cost)
    return _frequent[key]


def _absent(index: PhenotypeIndex, case: Case, weights: RankWeights) -> np.ndarray:
    """Sum of log(1 - frequency) over each condition's frequent signs the case does not show."""
    owner, terms, cost = _frequent_signs(index, weights)
    missing = ~covered_terms(index, case.observed)[terms]
    return np.bincount(owner, weights=cost * missing, minlength=len(index.condition_ids))


def _condition_side(index: PhenotypeIndex, observed: Sequence[int]) -> np.ndarray:
    """Average over each condition's signs of the best IC shared with an observed sign."""
    best_for_term = np.zeros(len(index.ic))
    for q in observed:
        ancestors = index.ancestors[q]
        per_term = np.zeros(len(index.ic))
        for anc in ancestors[np.argsort(index.ic[ancestors])].tolist():
            per_term[index.descendants[anc]] = index.ic[anc]
        np.maximum(best_for_term, per_term, out=best_for_term)
    sums = np.add.reduceat(best_for_term[index.annot_terms], index.annot_ptr[:-1])
    return sums / np.maximum(np.diff(index.annot_ptr), 1)


def _implied(index: PhenotypeIndex, observed: Sequence[int]) -> set[int]:
    """Observed signs that are a (strict) ancestor of another observed sign."""
    implied: set[int] = set()
    for q in observed:
        implied.update(a for a in index.ancestors[q].tolist() if a != q)
    return implied & set(observed)


def onset_mismatch(onsets: Sequence[str], age_months: int) -> bool:
    """True when every recorded onset of a condition is more than one category off the case's."""
    known = [o for o in onsets if o in ONSET_START_MONTHS]
    if not known or "all_ages" in onsets:
        return False
    case_category = max(
        (i for i, name in enumerate(ONSET_ORDER) if ONSET_START_MONTHS[name] <= age_months),
        default=1,
    )
    return all(abs(ONSET_ORDER.index(o) - case_category) > 1 for o in known)


# Modes of a condition that shows almost only in males.
MALE_MODES = frozenset({"y_linked", "x_linked_recessive"})


def sex_mismatch(inheritance: Sequence[str], sex: str) -> bool:
    """Y-linked conditions in a girl, X-linked recessive ones (only) in a girl are unlikely."""
    modes = set(inheritance)
    return bool(sex == "female" and modes and modes <= MALE_MODES)


def male_only_conditions(index: PhenotypeIndex) -> np.ndarray:
    """Indices of the conditions whose modes are all X-linked recessive or Y-linked (the ones
    unlikely in a girl), kept per index version."""
    return _sex_mismatches(index, "female")


_sex_mismatched: dict[tuple[str, str], np.ndarray] = {}


def _sex_mismatches(index: PhenotypeIndex, sex: str) -> np.ndarray:
    """Indices of the conditions unlikely in `sex`, kept per index version (a Python pass over
    every condition's inheritance was most of a description's ranking time)."""
    key = (index.version, sex)
    if key not in _sex_mismatched:
        if len(_sex_mismatched) >= 2:  # one index version at a time
            _sex_mismatched.clear()
        bad = [i for i, inh in enumerate(index.inheritance) if sex_mismatch(inh, sex)]
        _sex_mismatched[key] = np.asarray(bad, dtype=np.int64)
    return _sex_mismatched[key]


def _priors(index: PhenotypeIndex, case: Case, weights: RankWeights) -> np.ndarray:
    n = len(index.condition_ids)
    total = np.zeros(n)
    if case.age_months is not None:
        bad = [i for i, on in enumerate(index.onset) if onset_mismatch(on, case.age_months)]
        total[bad] -= weights.onset_penalty
    if case.sex:
        total[_sex_mismatches(index, case.sex)] -= weights.sex_penalty
    for symbol in case.genes:
        total[index.gene_conditions.get(symbol, [])] += weights.gene_bonus
    return total


def conditions_score(
    index: PhenotypeIndex, case: Case, weights: RankWeights = DEFAULT_WEIGHTS
) -> np.ndarray:
    """The score of every condition of the index for this case (higher is more likely)."""
    n = len(index.condition_ids)
    total = np.zeros(n)
    implied = _implied(index, case.observed) if weights.implied_weight != 1.0 else set()
    for q in case.observed:
        share = weights.implied_weight if q in implied else 1.0
        if share:
            total += share * sign_scores(index, q, n, weights)
    for e in case.excluded:
        total += weights.excluded_weight * _excluded(index, e, n, weights)
    if case.observed and weights.absent_weight:
        total += weights.absent_weight * _absent(index, case, weights)
    if case.observed and weights.condition_side_weight:
        total += weights.condition_side_weight * _condition_side(index, case.observed)
    sizes = np.diff(index.annot_ptr)
    if weights.size_penalty:
        total -= weights.size_penalty * np.log1p(sizes)
    if weights.sparse_penalty:
        shortfall = np.log(np.maximum(weights.sparse_size / np.maximum(sizes, 1), 1.0))
        total -= weights.sparse_penalty * shortfall
    return total + _priors(index, case, weights)
