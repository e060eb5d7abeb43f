"""Credit for a family's sign that a condition lists only as a close relative.

A parent's "losing eyesight" is read as Visual loss; a condition's annotations may say Rod-cone
dystrophy. The clinicians' ranking scores such a condition through their most informative common
ancestor (Resnik), minus the specificity the match lost, exactly as if the condition were
annotated with that ancestor itself. For a family's few, loosely worded signs a sibling or cousin
term under an informative ancestor is better evidence than that: the condition has a specific
sign close to what the parent described. So, on the family path only, a condition whose best
match for a sign is a strict common ancestor with IC of at least RELATIVE_MIN_IC is charged
RELATIVE_PENALTY (instead of the ranking's broader_penalty) per unit of specificity lost.
"""

from __future__ import annotations

import numpy as np

from treatments.phenotypes.index import PhenotypeIndex

RELATIVE_MIN_IC = 4.0  # an ancestor shared by fewer than ~2 % of annotated conditions
RELATIVE_PENALTY = 1.0  # the ranking charges 1.0 (broader_penalty) for the same loss
RELATIVE_SIBLINGS_ONLY = False
RELATIVE_COVERAGE = 0.0


def relatives_bonus(
    index: PhenotypeIndex, phenotype_ids: list[int], *, broader_penalty: float = 1.0
) -> np.ndarray:
    """Per condition of `index`: the credit its closest informative relative of each family
    sign earns over what the ranking already gave it."""
    n = len(index.condition_ids)
    bonus = np.zeros(n)
    saving = broader_penalty - RELATIVE_PENALTY
    terms = dict.fromkeys(index.position[pk] for pk in phenotype_ids if pk in index.position)
    for q in terms:
        ic_q = float(index.ic[q])
        gained = np.zeros(n)
        seen = np.zeros(n, dtype=bool)
        seen[index.term_conditions[q]] = True  # has the sign itself or a narrower one
        # Most informative ancestor first: the ranking scored each condition by its closest one.
        ancestors = [a for a in index.ancestors[q].tolist() if a != q]
        ancestors.sort(key=lambda a: -index.ic[a])
        for anc in ancestors:
            ic_a = float(index.ic[anc])
            if ic_a < RELATIVE_MIN_IC:
                break
            conds = index.term_conditions[anc]
            conds = conds[~seen[conds]]
            gained[conds] = saving * (ic_q - ic_a) + RELATIVE_COVERAGE
            seen[conds] = True
        if RELATIVE_SIBLINGS_ONLY:
            gained[_annotated_with(index, ancestors)] = 0.0
        bonus += gained
    return bonus


def _annotated_with(index: PhenotypeIndex, terms: list[int]) -> np.ndarray:
    owner = np.repeat(np.arange(len(index.condition_ids)), np.diff(index.annot_ptr))
    return np.unique(owner[np.isin(index.annot_terms, terms)])
