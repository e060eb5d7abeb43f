"""What a curated file writes into a record an editor may have changed since: a three-way merge.

For each field the file writes, three values are compared: what the file said at the load that
last wrote the record (kept on the record, ``file_values``), what the record holds now and what
the file says now. The side that changed it since is the one written:

- only the editor changed it: the editor's value stays (counted for an editor to settle);
- only the file changed it: the file's value is written;
- both changed it to different values: the file's value is written for the facts that are the
  file's to date (``file_dated``: a status or an approval year, which expire and narrow), and
  the editor's stays for everything else (plain wording, a classification, a scope); either
  way the run counts it and the record's history says so, never silently;
- a list kept as a set (``as_sets``: names, PMIDs, addresses) is merged name by name: what the
  file added since is added, what it dropped is dropped, what an editor added or removed stays.

A record with no remembered value for a field (written before the file's values were kept, or
made by another source) counts as holding what the file said: the file's value is written, as
every load wrote it before. Pure Python: the importer reads and saves the rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The run's counts, for an editor (ImportTally.note), one per field.
EDITOR_KEPT = "value an editor set kept (the file has not changed it)"
EDITOR_KEPT_OVER_FILE = "value an editor set kept though the file changed it too (settle it)"
FILE_OVER_EDITOR = "dated fact the file changed written over an editor's value"


@dataclass(frozen=True)
class Merged:
    """The values to store, what to remember as the file's, and the fields an editor holds."""

    values: dict[str, Any]
    file_values: dict[str, Any]
    kept: tuple[str, ...] = ()  # the editor's value stays; the file has not changed it
    differ: tuple[str, ...] = ()  # both changed it: the editor's stays, the file's differs
    overruled: tuple[str, ...] = ()  # both changed a dated fact: the file's is written

    def reason(self) -> str:
        """The history's change reason when an editor's value met the file's, else ''."""
        parts = []
        if self.kept or self.differ:
            parts.append("kept an editor's " + ", ".join((*self.kept, *self.differ)))
        if self.overruled:
            parts.append("the file's dated " + ", ".join(self.overruled) + " over an editor's")
        return "; ".join(parts)


def _as_set(before: list, stored: list, says: list) -> list:
    """Stored names in their order, less those the file dropped since, plus those it added."""
    kept = [n for n in stored if n in says or n not in before]
    return kept + [n for n in says if n not in before and n not in stored]


def merge_file_values(
    *,
    before: Mapping[str, Any],
    stored: Mapping[str, Any],
    says: Mapping[str, Any],
    file_dated: frozenset[str] = frozenset(),
    as_sets: frozenset[str] = frozenset(),
) -> Merged:
    """Merge ``says`` (the file now) into ``stored`` (the record now), given ``before`` (what
    the file said at its last write, by field; a field missing counts as ``stored``)."""
    values, remembered = {}, {}
    kept, differ, overruled = [], [], []
    for field, new in says.items():
        now = stored[field]
        old = before.get(field, now)
        remembered[field] = new
        if field in as_sets:
            values[field] = _as_set(list(old), list(now), list(new))
            if set(values[field]) != set(new):
                kept.append(field)
        elif now in (old, new):
            values[field] = new
        elif new == old:
            values[field] = now
            kept.append(field)
        elif field in file_dated:
            values[field] = new
            overruled.append(field)
        else:
            # Remember the file's earlier value: the difference is counted at every load
            # until an editor or the file settles it.
            values[field], remembered[field] = now, old
            differ.append(field)
    return Merged(values, remembered, tuple(kept), tuple(differ), tuple(overruled))
