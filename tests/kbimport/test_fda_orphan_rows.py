"""The FDA orphan import on a few real rows of the bundled export: a row listed twice in one
batch is stored once, and a second import writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbimport.importers.fda_orphan import DEFAULT_FILE, SOURCE, import_fda_orphan
from knowledge.models import OrphanApproval, TherapyLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_with_a_repeated_row(tmp_path: Path) -> Path:
    """The export's header and first three rows, the first row once more at the end."""
    lines = DEFAULT_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "orphan.csv"
    path.write_text("".join([*lines[:4], lines[1]]), encoding="utf-8")
    return path


def test_a_row_listed_twice_is_stored_once_and_a_rerun_writes_nothing(
    export_with_a_repeated_row: Path,
) -> None:
    first = import_fda_orphan(path=export_with_a_repeated_row)
    assert sum(first.matches.values()) == 4
    approvals = list(OrphanApproval.objects.values_list("source_id", flat=True))
    assert len(approvals) == len(set(approvals)) == 3  # one per distinct row
    links = TherapyLink.objects.filter(source=SOURCE).count()
    assert links >= 1

    again = import_fda_orphan(path=export_with_a_repeated_row)
    created, updated, _ = again.tally.totals
    assert (created, updated) == (0, 0)
    assert OrphanApproval.objects.count() == 3
    assert TherapyLink.objects.filter(source=SOURCE).count() == links
