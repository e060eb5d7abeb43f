"""benchmarks/near_meaning.py credits a read sign through the terms nearest in meaning to its
words, never above what the read term itself earns, once per sign."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.near_meaning import _row_sources, credit, typed_stretch
from treatments.describe.lexicon import HPO_SOURCE
from treatments.describe.prior import FAMILY_WEIGHTS
from treatments.phenotypes.scoring import sign_scores

# A small is_a tree under one root (IC 0.5): the read term (IC 3), a sibling candidate (IC 4)
# and a further one (IC 5). Condition 0 lists the read term, 1 the sibling, 2 the further one.
ROOT, READ, SIBLING, FURTHER = 0, 1, 2, 3


def _index() -> SimpleNamespace:
    conditions = [np.array(c) for c in ([0, 1, 2], [0], [1], [2])]
    return SimpleNamespace(
        version="toy-near-meaning",
        condition_ids=np.array([10, 11, 12]),
        ic=np.array([0.5, 3.0, 4.0, 5.0]),
        ancestors=[np.array(a) for a in ([0], [1, 0], [2, 0], [3, 0])],
        term_conditions=conditions,
        term_freq=[np.ones(len(c), dtype=np.float32) for c in conditions],
    )


def _through_the_root() -> float:
    """What a condition listing only a candidate earned for the read sign before: the root's
    share under the family weights (-0.75 with the broader-term penalty at 0.5: R36)."""
    return float(sign_scores(_index(), READ, 3, FAMILY_WEIGHTS)[1])


def test_a_near_candidate_lifts_the_condition_that_lists_it_up_to_the_read_terms_ic():
    # The sibling's IC (4) is capped at the read term's (3), less the discount 1.5: it earns
    # 1.5 where it earned a negative share through the root before.
    before = _through_the_root()
    assert before < 0
    per = [(READ, [(SIBLING, 0.8), (FURTHER, 0.5)])]
    gain = credit(_index(), per, [0.6, 3, 1.5, 0.0])
    assert gain.tolist() == pytest.approx([0.0, 1.5 - before, 0.0])


def test_the_cosine_threshold_the_count_and_the_gap_limit_the_candidates():
    lifted = 1.5 - _through_the_root()
    per = [(READ, [(SIBLING, 0.8), (FURTHER, 0.5)])]
    assert credit(_index(), per, [0.4, 1, 1.5, 0.0]).tolist() == pytest.approx([0.0, lifted, 0.0])
    assert credit(_index(), per, [0.4, 3, 1.5, 0.0]).tolist() == pytest.approx(
        [0.0, lifted, lifted]
    )
    # 0.3 below the best candidate's cosine costs 5 x 0.3 more.
    assert credit(_index(), per, [0.4, 3, 1.5, 5.0]).tolist() == pytest.approx(
        [0.0, lifted, lifted - 1.5]
    )


def test_a_sign_without_candidates_gains_nothing():
    assert not credit(_index(), [(READ, [])], [0.6, 3, 1.5, 0.0]).any()


def test_the_stretch_holds_the_words_between_a_signs_words():
    assert typed_stretch("I cant lift my feet up", "cant feet") == "cant lift my feet"
    assert typed_stretch("legs hurt and his legs are weak", "legs weak") == "legs are weak"
    assert typed_stretch("she is tired", "tired") == "tired"
    assert typed_stretch("she is tired", "sleepy") == "sleepy"  # not found: the words


def test_the_row_sources_are_the_everyday_rows_fourth_column():
    sources = _row_sources()
    assert any(source.startswith("https://medlineplus.gov/") for source in sources)
    assert HPO_SOURCE not in sources
