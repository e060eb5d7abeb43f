"""The three-way merge of a curated file's values with an editor's (pure Python)."""

from __future__ import annotations

from kbimport.importers.file_merge import merge_file_values

DATED = frozenset({"status"})
SETS = frozenset({"synonyms"})


def _merge(before: dict, stored: dict, says: dict):  # noqa: ANN202
    return merge_file_values(before=before, stored=stored, says=says, file_dated=DATED,
                             as_sets=SETS)  # fmt: skip


def test_the_side_that_changed_a_field_is_written() -> None:
    merged = _merge(
        {"mechanism": "old", "modality": "other"},
        {"mechanism": "editor's", "modality": "other"},
        {"mechanism": "old", "modality": "small_molecule"},
    )
    assert merged.values == {"mechanism": "editor's", "modality": "small_molecule"}
    assert (merged.kept, merged.differ, merged.overruled) == (("mechanism",), (), ())
    assert merged.file_values == {"mechanism": "old", "modality": "small_molecule"}


def test_both_changed_the_file_wins_only_a_dated_fact_and_a_kept_difference_stays_noted() -> None:
    merged = _merge(
        {"mechanism": "old", "status": "fda_approved"},
        {"mechanism": "editor's", "status": "ema_approved"},
        {"mechanism": "file's", "status": "approved_elsewhere"},
    )
    assert merged.values == {"mechanism": "editor's", "status": "approved_elsewhere"}
    assert (merged.differ, merged.overruled) == (("mechanism",), ("status",))
    # The file's earlier wording is remembered, so the next load notes the difference again.
    assert merged.file_values == {"mechanism": "old", "status": "approved_elsewhere"}


def test_names_merge_one_by_one() -> None:
    merged = _merge(
        {"synonyms": ["A", "B", "C"]},
        {"synonyms": ["A", "C", "editor's"]},  # the editor removed B and added a name
        {"synonyms": ["A", "B", "new"]},  # the file dropped C and added a name
    )
    assert merged.values == {"synonyms": ["A", "editor's", "new"]}
    assert merged.kept == ("synonyms",)


def test_a_field_never_remembered_takes_the_files_value() -> None:
    merged = _merge({}, {"mechanism": "stored", "synonyms": ["X"]},
                    {"mechanism": "file's", "synonyms": ["Y"]})  # fmt: skip
    assert merged.values == {"mechanism": "file's", "synonyms": ["Y"]}
    assert (merged.kept, merged.differ, merged.overruled) == ((), (), ())
