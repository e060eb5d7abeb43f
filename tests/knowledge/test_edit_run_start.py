"""The edit that set a row's values, found in its history once for the load and the pages:
the oldest record of the newest run holding them (knowledge.editor_values.run_start)."""

from __future__ import annotations

from knowledge.editor_values import run_start

# A row's history, newest first: the editor set "b" twice in a row after the file's "a".
HISTORY = [
    {"summary": "b", "source": "EPAR"},
    {"summary": "b", "source": "RareLabs editors"},
    {"summary": "a", "source": "fact sheet"},
    {"summary": "b", "source": "fact sheet"},
]


def test_the_run_of_what_the_newest_record_holds_ends_before_the_first_other_value() -> None:
    assert run_start(HISTORY, ("summary",)) == 1


def test_several_fields_must_all_hold_their_values() -> None:
    assert run_start(HISTORY, ("summary", "source")) == 0


def test_a_value_given_is_looked_for_from_the_newest_record() -> None:
    assert run_start(HISTORY, ("summary",), ("a",)) == 0
    assert run_start(HISTORY[1:], ("summary",), ("b",)) == 0
    assert run_start(HISTORY[2:], ("summary",), ("b",)) == 1
