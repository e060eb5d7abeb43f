"""The draw of trialtitles39 (benchmarks/trial_title_draw.py) keeps its held titles apart by
single condition and reproduces its own splits on a rerun (review of H39)."""

from __future__ import annotations

import json
import re

from benchmarks.trial_title_draw import REPO, _held_apart, judged_before


def test_a_held_title_sharing_one_condition_with_a_tuning_title_is_tuning() -> None:
    # ORPHA:848 alone (held) and ORPHA:848 with ORPHA:707786 (tuning): different sets, one
    # condition shared, as the first draw's beta-thalassemia titles were.
    drawn = [
        {"pks": {848, 707786}, "split": "trialtitles39"},
        {"pks": {848}, "split": "trialtitles39-held"},
        {"pks": {101}, "split": "trialtitles39-held"},
    ]
    splits = [item["split"] for item in _held_apart(drawn)]
    assert splits == ["trialtitles39", "trialtitles39", "trialtitles39-held"]


def test_the_draw_s_own_titles_are_not_excluded_as_judged_before() -> None:
    queries = json.loads((REPO / "benchmarks/judged_queries.json").read_text(encoding="utf-8"))
    own = {
        re.search(r"NCT\d{8}", item["source"]).group()
        for item in queries["queries"]
        if item.get("split", "").startswith("trialtitles39")
    }
    ncts, _expected = judged_before()
    assert len(own) == 104
    assert not own & ncts
