"""The committed therapy fact sheet with one entry changed, as an editor would change it."""

from __future__ import annotations

import json
from pathlib import Path

from kbimport.therapy_file import DEFAULT_THERAPY_FILE


def edited_therapy_file(tmp_path: Path, entry: str, **fields: object) -> Path:
    """A copy of the committed file with one entry's fields changed."""
    data = json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))
    next(t for t in data["therapies"] if t["name"] == entry).update(fields)
    path = tmp_path / "therapies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
