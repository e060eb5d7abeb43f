"""Why a condition ranks where it does: matched, missing and excluded signs, and the priors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from treatments.phenotypes.index import UNKNOWN, PhenotypeIndex
from treatments.phenotypes.scoring import (
    Case,
    RankWeights,
    covered_terms,
    onset_mismatch,
    sex_mismatch,
)

MIN_MATCH_IC = 0.5  # a shared ancestor this unspecific (e.g. the root) is not called a match
MAX_ABSENT = 5  # expected signs listed per condition


@dataclass(frozen=True)
class PhenotypeMatch:
    """How one observed sign matched a condition."""

    query_hpo_id: str
    query_name: str
    kind: str  # "exact", "more_specific" (the condition has a narrower term) or "ancestor"
    via_hpo_id: str
    via_name: str
    condition_term_hpo_id: str
    condition_term_name: str
    information_content: float
    frequency: float | None = None  # share of patients with the condition's term, if known


@dataclass(frozen=True)
class ExpectedSign:
    """A frequent sign of the condition that the case does not mention."""

    hpo_id: str
    name: str
    frequency: float


@dataclass(frozen=True)
class ExcludedSign:
    """A sign the case rules out although the condition has it (or a narrower form of it)."""

    query_hpo_id: str
    query_name: str
    condition_term_hpo_id: str
    condition_term_name: str
    frequency: float | None


def _frequency(value: float) -> float | None:
    return None if value == UNKNOWN else round(float(value), 3)


@dataclass(frozen=True)
class _Annotations:
    """One condition's annotated terms, their frequencies and ancestors (flat, with owners)."""

    terms: np.ndarray
    freqs: np.ndarray
    ancestors: np.ndarray  # every ancestor of every annotated term (terms included)
    owners: np.ndarray  # position in `terms` of the term each ancestor belongs to
    closure: set[int]
    first: dict[int, int]  # term -> its first position in `terms` (numpy on a few rows is slow)

    @classmethod
    def of(cls, index: PhenotypeIndex, cond: int) -> _Annotations:
        start, end = index.annot_ptr[cond], index.annot_ptr[cond + 1]
        terms = index.annot_terms[start:end]
        lists = [index.ancestors[t] for t in terms.tolist()]
        ancestors = np.concatenate(lists)
        owners = np.repeat(np.arange(len(lists)), [len(a) for a in lists])
        closure = set(np.unique(ancestors).tolist())
        first: dict[int, int] = {}
        for position, term in enumerate(terms.tolist()):
            first.setdefault(term, position)
        return cls(terms, index.annot_freq[start:end], ancestors, owners, closure, first)

    def below(self, term: int) -> int:
        """The most frequent annotated term at or below `term` (-1 if none)."""
        inside = self.owners[self.ancestors == term]
        if not len(inside):
            return -1
        return int(self.terms[inside[np.argmax(self.freqs[inside])]])

    def frequency(self, term: int) -> float | None:
        return _frequency(float(self.freqs[self.first[term]]))

    def has(self, term: int) -> bool:
        return term in self.first


_recent: dict[tuple[str, int], _Annotations] = {}


def _annotations_of(index: PhenotypeIndex, cond: int) -> _Annotations:
    """A condition's annotations, kept for the page being explained (matches and exclusions)."""
    key = (index.version, cond)
    if key not in _recent:
        if len(_recent) >= 2 * 200:  # two pages of the largest size
            _recent.clear()
        _recent[key] = _Annotations.of(index, cond)
    return _recent[key]


def _match(index: PhenotypeIndex, q: int, annotations: _Annotations) -> PhenotypeMatch | None:
    ancestors = [a for a in index.ancestors[q].tolist() if a in annotations.closure]
    if not ancestors:
        return None
    mica = max(ancestors, key=lambda a: index.ic[a])
    if index.ic[mica] < MIN_MATCH_IC:
        return None
    if annotations.has(q):
        kind, term = "exact", q
    else:
        kind = "more_specific" if mica == q else "ancestor"
        term = annotations.below(mica)
    return PhenotypeMatch(
        query_hpo_id=index.hpo_ids[q],
        query_name=index.names[q],
        kind=kind,
        via_hpo_id=index.hpo_ids[mica],
        via_name=index.names[mica],
        condition_term_hpo_id=index.hpo_ids[term],
        condition_term_name=index.names[term],
        information_content=round(float(index.ic[mica]), 3),
        frequency=annotations.frequency(term),
    )


def matches_explain(index: PhenotypeIndex, case: Case, cond: int) -> tuple[PhenotypeMatch, ...]:
    """Each observed sign's best match in the condition (exact, narrower or broader)."""
    annotations = _annotations_of(index, cond)
    found = (_match(index, q, annotations) for q in case.observed)
    return tuple(m for m in found if m is not None)


def absent_explain(
    index: PhenotypeIndex,
    case: Case,
    cond: int,
    weights: RankWeights,
    covered: np.ndarray | None = None,
) -> tuple[ExpectedSign, ...]:
    """The condition's most frequent signs that the case does not mention, most frequent first
    (`covered`: the case's covered_terms, when a page computes them once for all its rows)."""
    start, end = index.annot_ptr[cond], index.annot_ptr[cond + 1]
    if covered is None and case.observed:
        covered = covered_terms(index, case.observed)
    signs = []
    for term, freq in zip(
        index.annot_terms[start:end].tolist(), index.annot_freq[start:end].tolist(), strict=True
    ):
        if freq >= weights.absent_threshold and (covered is None or not covered[term]):
            signs.append(ExpectedSign(index.hpo_ids[term], index.names[term], round(freq, 3)))
    signs.sort(key=lambda s: (-s.frequency, s.name))
    return tuple(signs[:MAX_ABSENT])


def excluded_explain(index: PhenotypeIndex, case: Case, cond: int) -> tuple[ExcludedSign, ...]:
    """Excluded signs the condition has (itself or a narrower term)."""
    annotations = _annotations_of(index, cond) if case.excluded else None
    found = []
    for e in case.excluded:
        term = annotations.below(e)  # type: ignore[union-attr]
        if term >= 0:
            found.append(
                ExcludedSign(
                    query_hpo_id=index.hpo_ids[e],
                    query_name=index.names[e],
                    condition_term_hpo_id=index.hpo_ids[term],
                    condition_term_name=index.names[term],
                    frequency=annotations.frequency(term),  # type: ignore[union-attr]
                )
            )
    return tuple(found)


def notes_explain(index: PhenotypeIndex, case: Case, cond: int) -> tuple[str, ...]:
    """Plain sentences for the priors that moved this condition (onset, sex, gene)."""
    notes = []
    if case.age_months is not None and onset_mismatch(index.onset[cond], case.age_months):
        onsets = ", ".join(index.onset[cond])
        notes.append(
            f"Usual onset ({onsets}) does not fit signs starting at {case.age_months} months."
        )
    if case.sex and sex_mismatch(index.inheritance[cond], case.sex):
        notes.append(
            f"Its inheritance ({', '.join(index.inheritance[cond])}) rarely affects a {case.sex}."
        )
    for symbol in case.genes:
        members = index.gene_conditions.get(symbol)
        if members is not None and cond in set(members.tolist()):
            notes.append(f"Linked to the gene {symbol}.")
    return tuple(notes)
