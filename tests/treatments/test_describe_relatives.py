"""Part credit for a family's sign that a condition lists only as a close relative (plain numpy
over a small hand-made index: the 40-packet fixture has no term rare enough to be informative)."""

from __future__ import annotations

import numpy as np

from treatments.describe.relatives import RELATIVE_COVERAGE, RELATIVE_MIN_IC, relatives_bonus
from treatments.phenotypes.index import PhenotypeIndex

# Terms: 0 Seizure (common), 1 Reflex seizure (rare), 2 Hot water-induced seizure (the family's
# sign), 3 Photosensitive seizure (its sibling under Reflex seizure), 4 Focal seizure (a cousin
# only under Seizure). Conditions: A has the sign, B its sibling, C the uninformative cousin.
PARENTS = {0: [], 1: [0], 2: [1], 3: [1], 4: [0]}
ANNOTATED = {"A": [2], "B": [3], "C": [4]}
IC = np.array([0.5, RELATIVE_MIN_IC + 1.0, 8.0, 7.0, 2.0])


def _index() -> PhenotypeIndex:
    def closure(term: int) -> set[int]:
        return {term}.union(*(closure(p) for p in PARENTS[term]))

    ancestors = [np.array(sorted(closure(t)), dtype=np.int32) for t in PARENTS]
    names = list(ANNOTATED)
    term_conditions = [
        np.array([i for i, c in enumerate(names) if any(t in closure(a) for a in ANNOTATED[c])])
        for t in PARENTS
    ]
    empty = np.zeros(0)
    return PhenotypeIndex(
        version="test", term_ids=np.arange(100, 105), hpo_ids=[], names=[], ic=IC,
        background_ic=IC, ancestors=ancestors, descendants=[], condition_ids=np.arange(3),
        annot_ptr=empty, annot_terms=empty, annot_freq=empty, term_conditions=term_conditions,
        term_freq=[], position={100 + t: t for t in PARENTS}, onset=[], inheritance=[],
        gene_conditions={},
    )  # fmt: skip


def test_a_sibling_under_an_informative_ancestor_earns_part_of_a_sign() -> None:
    """B (Photosensitive seizure) explains a hot-bath seizure in part; A has it (the coverage
    bonus counts it fully, not this one); C shares only 'Seizure', which says little."""
    bonus = relatives_bonus(_index(), [102])
    assert bonus.tolist() == [0.0, RELATIVE_COVERAGE, 0.0]


def test_each_sign_counts_once() -> None:
    bonus = relatives_bonus(_index(), [102, 102, 999])  # repeated, and one not in the index
    assert bonus.tolist() == [0.0, RELATIVE_COVERAGE, 0.0]
