"""Writing one row of the curated therapy file: its values merged three ways with what an
editor set since the file's last write (file_merge), saved only when something differs."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import models
from django.utils import timezone

from curation.services.merge_rows import change_reason
from ingest.rows import WriteOutcome
from kbimport.importers.common import ImportTally
from kbimport.importers.file_merge import (
    EDITOR_KEPT,
    EDITOR_KEPT_OVER_FILE,
    FILE_OVER_EDITOR,
    Merged,
    merge_file_values,
)
from knowledge.editor_values import as_said, run_start
from knowledge.models import RegulatoryEvent, Therapy, TherapyLink

TASK = "import_therapies"
AS_SETS = frozenset({"synonyms", "pmids", "nct_ids", "urls"})
logger = logging.getLogger(__name__)


def save_row(
    obj: models.Model,
    values: dict[str, Any],
    label: str,
    tally: ImportTally,
    *,
    touched: bool = False,
    file_values: dict[str, Any] | None = None,
) -> bool:
    """Set ``values`` on ``obj`` and save only when something differs; count the outcome
    (``touched``: the row was already changed before, so it counts as updated).
    ``file_values`` (what the file said) is bookkeeping: stored with a save, or alone without
    a history row or a count when nothing a reader sees changed."""
    is_new = obj.pk is None
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    remembered = file_values is not None and obj.file_values != file_values
    if remembered:
        obj.file_values = file_values
    if is_new or changed:
        obj.save()
    elif remembered:
        type(obj).objects.filter(pk=obj.pk).update(file_values=file_values)
    changed = changed or ([label] if touched else [])
    tally.add(label, WriteOutcome(int(is_new), int(bool(changed) and not is_new),
                                  int(not is_new and not changed)))  # fmt: skip
    return is_new or bool(changed)


def edit_day(row: models.Model, fields: tuple[str, ...]) -> dt.date:
    """The day of the edit that set the row's values of ``fields`` (run_start; today when no
    history was kept)."""
    newest_first = list(
        row.history.order_by("-history_date", "-history_id").values("history_date", *fields)
    )
    if not newest_first:
        return timezone.localdate()
    return timezone.localdate(newest_first[run_start(newest_first, fields)]["history_date"])


def merge_row(
    row: Therapy | TherapyLink | RegulatoryEvent,
    says: dict[str, Any],
    dated: frozenset[str],
    tally: ImportTally,
) -> Merged:
    """The file's values merged with what an editor set on ``row`` since the file's last
    write (file_merge); what the editor holds is counted, logged and given as the reason."""
    # Whatever source an editor has named on the row since: what the file said stays its own.
    before = row.file_values if row.pk is not None else {}
    stored = {field: as_said(getattr(row, field)) for field in says}
    merged = merge_file_values(
        before=before, stored=stored, says=says, file_dated=dated, as_sets=AS_SETS
    )
    for reason, fields in ((EDITOR_KEPT, merged.kept), (EDITOR_KEPT_OVER_FILE, merged.differ),
                           (FILE_OVER_EDITOR, merged.overruled)):  # fmt: skip
        if fields:
            tally.note(reason, len(fields))
    if merged.differ or merged.overruled:
        logger.warning("%s: %s (pk %s): %s", TASK, type(row).__name__, row.pk, merged.reason())
    if merged.reason():
        said = [getattr(row, "_change_reason", ""), merged.reason()]
        row._change_reason = change_reason("; ".join(part for part in said if part))
    return merged
