"""benchmarks/ceiling_why.py: what the conditions ranked ahead of the judged one have when one
spoiled sign costs it its place (issue 17, R25)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from benchmarks.ceiling_why import (
    ALL_BUT_ONE,
    ALL_OTHERS,
    AT_FLOOR,
    FEWER,
    HOLDS,
    NOT_THROUGH,
    THROUGH,
    ahead_counts,
    holds,
    spoiled_term,
)

# Terms: 0 a shared real sign, 1 another real sign, 2 the spoiled sign, 3 its sibling.
# Conditions: 0 the judged one (0, 1), 1 holds everything (0, 1, 2), 2 holds the sibling and
# sign 0, 3 holds sign 1 only.
TERM_CONDITIONS = [np.array(c) for c in ([0, 1, 2], [0, 1, 3], [1], [2])]
POINTS = {2: np.array([-3.0, 4.0, 1.0, -3.0])}


def _index() -> SimpleNamespace:
    return SimpleNamespace(term_conditions=TERM_CONDITIONS)


def test_a_condition_holds_a_sign_it_lists_itself_or_narrower():
    assert holds(_index(), 2, 1)
    assert not holds(_index(), 2, 0)
    assert not holds(_index(), 3, 4)


def test_each_condition_ahead_is_counted_by_how_it_answers_the_spoiled_sign():
    counts = ahead_counts(
        _index(), POINTS.__getitem__, judged=0, ahead=[1, 2, 3], spoiled=2, others=[0, 1],
        floor=-3.0,
    )  # fmt: skip
    assert counts[HOLDS] == 1  # condition 1 lists it
    assert counts[THROUGH] == 1  # condition 2 earns 1 through the sibling, the judged one -3
    assert counts[NOT_THROUGH] == 1  # condition 3 earns the floor, as the judged one does
    assert (counts[ALL_OTHERS], counts[ALL_BUT_ONE], counts[FEWER]) == (1, 2, 0)
    assert counts[AT_FLOOR] == 1  # the judged condition has nothing like the spoiled sign


def test_the_spoiled_sign_is_the_one_put_in_or_none_when_nothing_changed():
    assert spoiled_term([10, 11, 12], [10, 11, 12, 40]) == 40  # one wrong sign added
    assert spoiled_term([10, 11, 12], [10, 41, 12]) == 41  # one read a step off
    assert spoiled_term([10, 11, 12], [10, 11, 12]) is None  # no step to take
