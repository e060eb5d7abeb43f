"""Part credit for a family's sign that a condition lists only as a close relative.

A parent's "losing eyesight" is read as Visual loss; a condition's annotations may say Rod-cone
dystrophy. The ranking already scores such a match through the most informative common ancestor
(Resnik, less the specificity lost), but the coverage bonus (`prior.coverage_bonus`) counts only
signs a condition has itself or narrower. A condition whose annotations hold a sibling or cousin
of the sign under an informative ancestor (IC at least RELATIVE_MIN_IC: shared by under ~2 % of
annotated conditions) explains the sign in part, so it earns RELATIVE_COVERAGE of a sign.

Tuned on the description tuning splits only (docs/benchmarks.md, "Seventh session"): a lower
penalty for such matches than the ranking's broader_penalty, or siblings only, gained nothing more.
"""

from __future__ import annotations

import numpy as np

from treatments.phenotypes.index import PhenotypeIndex

RELATIVE_MIN_IC = 4.0
RELATIVE_COVERAGE = 0.25  # the coverage bonus counts a sign a condition has itself as 0.5


def relatives_bonus(index: PhenotypeIndex, phenotype_ids: list[int]) -> np.ndarray:
    """Per condition of `index`: RELATIVE_COVERAGE for each family sign it has only as a
    relative under an informative common ancestor."""
    n = len(index.condition_ids)
    bonus = np.zeros(n)
    terms = dict.fromkeys(index.position[pk] for pk in phenotype_ids if pk in index.position)
    for q in terms:
        near = np.zeros(n, dtype=bool)
        for anc in index.ancestors[q].tolist():
            if anc != q and index.ic[anc] >= RELATIVE_MIN_IC:
                near[index.term_conditions[anc]] = True
        near[index.term_conditions[q]] = False  # has the sign itself or a narrower one
        bonus[near] += RELATIVE_COVERAGE
    return bonus
