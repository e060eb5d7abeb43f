"""Why one spoiled sign costs the family ranking its place (issue 17, R25).

`description_ceiling.py --why` ranks each drawn condition's signs twice, as read exactly and
with one of them spoiled (read a step broader or narrower, or one sign of another condition
added), and for every pair the spoiled reading loses (the condition in the top 3 without the
spoiler, not with it) counts what the conditions now shown ahead of it have. Plain functions
over the phenotype index, so they are tested without a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

# How a condition ahead of the judged one answers the spoiled sign.
HOLDS = "holds the spoiled sign"  # itself or a narrower term: full points and coverage
THROUGH = "only a broader or sibling term, more points"  # a term sharing an ancestor
NOT_THROUGH = "not through it"  # no more points for it than the judged condition
# How many of the other signs (the unspoiled ones) it holds, itself or narrower.
ALL_OTHERS = "all the other signs"
ALL_BUT_ONE = "all but one"
FEWER = "fewer"
# The judged condition earns for the spoiled sign no more than a condition with nothing like it.
AT_FLOOR = "judged condition at the floor for it"


def holds(index, term: int, cond: int) -> bool:
    """Does the condition list the term or a narrower one (HPO's true-path rule)?"""
    conds = index.term_conditions[term]
    at = int(np.searchsorted(conds, cond))
    return at < len(conds) and int(conds[at]) == cond


def ahead_counts(
    index,
    points: Callable[[int], np.ndarray],
    *,
    judged: int,
    ahead: Sequence[int],
    spoiled: int,
    others: Sequence[int],
    floor: float,
) -> Counter:
    """What the conditions ranked ahead of the judged one (condition indices) have: the
    spoiled sign, and how many of the other signs. `points(term)` is the ranking's points for
    a sign per condition; `floor` what a condition with nothing like the sign earns."""
    counts: Counter = Counter()
    spoiled_points = points(spoiled)
    if spoiled_points[judged] <= floor + 1e-9:
        counts[AT_FLOOR] += 1
    for cond in ahead:
        if holds(index, spoiled, cond):
            counts[HOLDS] += 1
        elif spoiled_points[cond] > spoiled_points[judged] + 1e-9:
            counts[THROUGH] += 1
        else:
            counts[NOT_THROUGH] += 1
        missing = sum(not holds(index, term, cond) for term in others)
        counts[{0: ALL_OTHERS, 1: ALL_BUT_ONE}.get(missing, FEWER)] += 1
    return counts


def spoiled_term(original: Sequence[int], spoiled: Sequence[int]) -> int | None:
    """The sign the spoiler put in (an added sign, or the one read a step off), or None when
    the reading is unchanged (no broader or narrower term to step to)."""
    new = [term for term in spoiled if term not in set(original)]
    return new[-1] if new else None
