"""The draws of trialtitles39 and trialtitles40-held (benchmarks/trial_title_draw.py): held titles
kept apart by single condition, and a rerun reproduces the splits judged_queries.json holds."""

from __future__ import annotations

import json
import re

from benchmarks.trial_title_draw import REPO, _held_apart, csv_records, judged_before


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
    ncts, _expected = judged_before("trialtitles39")
    assert len(own) == 104
    assert not own & ncts


def test_a_rerun_of_the_trialtitles40_draw_does_not_exclude_its_own_titles() -> None:
    queries = json.loads((REPO / "benchmarks/judged_queries.json").read_text(encoding="utf-8"))
    own = {
        re.search(r"NCT\d{8}", item["source"]).group()
        for item in queries["queries"]
        if item.get("split") == "trialtitles40-held"
    }
    # Every earlier judged file and split (trialtitles39 included) counts as judged before.
    ncts, _expected = judged_before("trialtitles40-held")
    assert len(own) == 59
    assert not own & ncts
    drawn_39 = {
        re.search(r"NCT\d{8}", item["source"]).group()
        for item in queries["queries"]
        if item.get("split") == "trialtitles39-held"
    }
    assert drawn_39 <= ncts


def test_a_rerun_of_the_trialtitles39_draw_does_not_count_the_later_draw_as_judged() -> None:
    # Review of H40: the 39 draw left out only its own splits, so trialtitles40-held's ids
    # counted as judged before it and a rerun moved 9 of its 30 held titles to tuning. The
    # draw's source file (redcreekpartners/rna-clinical-trials data/trials.json) is not
    # fetchable here: the exclusion set is tested, not the rerun.
    queries = json.loads((REPO / "benchmarks/judged_queries.json").read_text(encoding="utf-8"))
    later = [item for item in queries["queries"] if item.get("split") == "trialtitles40-held"]
    ncts, expected = judged_before("trialtitles39")
    assert not {re.search(r"NCT\d{8}", item["source"]).group() for item in later} & ncts
    only_later = {code for item in later for code in item["expected"]} - {
        code
        for item in queries["queries"]
        if item.get("kind") == "trial_title" and item not in later
        for code in item["expected"]
    }
    assert only_later
    assert not only_later & expected


def test_a_search_export_row_gives_its_brief_title_and_each_condition(tmp_path) -> None:
    export = tmp_path / "ctg-studies.csv"
    export.write_text(
        "NCT Number,Study Title,Conditions\n"
        'NCT00000001,"Gene Therapy for Hemophilia B","Hemophilia B|Factor IX Deficiency"\n',
        encoding="utf-8",
    )
    assert csv_records(str(export)) == [
        {
            "n": "NCT00000001",
            "t": "Gene Therapy for Hemophilia B",
            "c": ["Hemophilia B", "Factor IX Deficiency"],
        }
    ]
