"""Therapy names the curated file writes with stray spaces: the load writes them as the rename
service does, so the record one load wrote is found by name at the next.
Real rows of the committed file, edited in a copy as an editor would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbimport.importers.therapies import import_therapies
from kbimport.therapy_file import DEFAULT_THERAPY_FILE, load_therapy_file
from knowledge.models import Therapy

pytestmark = pytest.mark.usefixtures("kb")

FILE_NAME, EDITORS = "sapropterin dihydrochloride", "sapropterin (Kuvan)"
SLUG = "sapropterin-dihydrochloride"


def _edited(tmp_path: Path, entry: str, **fields: object) -> Path:
    """A copy of the committed file with one entry's fields changed."""
    data = json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))
    next(t for t in data["therapies"] if t["name"] == entry).update(fields)
    path = tmp_path / "therapies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _sapropterin_records() -> list[tuple[str, str]]:
    return list(Therapy.objects.filter(synonyms__contains=["Kuvan"]).values_list("name", "slug"))


def test_a_name_written_with_a_double_space_is_the_stored_record(tmp_path: Path) -> None:
    """The file's loader writes names as the rename service does: inner spaces squeezed."""
    spaced = "sapropterin  dihydrochloride"
    edited = _edited(tmp_path, FILE_NAME, name=f" {spaced} ")
    assert FILE_NAME in [record.name for record in load_therapy_file(edited)]

    assert import_therapies(path=edited).totals[:2] == (0, 0)
    assert _sapropterin_records() == [(FILE_NAME, SLUG)]


def test_a_renamed_entry_with_a_double_space_is_found_at_the_next_load(tmp_path: Path) -> None:
    """The file renames the entry to a name with a double space: the record the rename wrote
    is found by that name at the next load, not written again."""
    edited = _edited(tmp_path, FILE_NAME, name="sapropterin  (Kuvan)", formerly=[FILE_NAME])
    import_therapies(path=edited)
    assert import_therapies(path=edited).totals[:2] == (0, 0)
    assert _sapropterin_records() == [(EDITORS, "sapropterin-kuvan")]
