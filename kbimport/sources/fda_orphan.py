"""Parse the FDA "Orphan Drug Designations and Approvals" CSV export (one approved indication a row).

The export's columns are documented in ../shared/data/PROVENANCE.md. Dates come written both
``M/D/YY`` and ``MM/DD/YYYY``; the export ends with a free-text note row, which is not an approval.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceFileError,
    SourceRowError,
    iter_csv_rows,
)

REQUIRED_COLUMNS = (
    "Generic Name",
    "Trade Name",
    "Date Designated",
    "Orphan Designation",
    "Orphan Designation Status",
    "Approved Labeled Indication",
    "Marketing Approval Date",
    "CF Grid Key",
)
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
# Two-digit years: the listing starts in 1983 (the Orphan Drug Act), so "00".."82" are 2000s.
_CENTURY_PIVOT = 83


@dataclass(frozen=True, slots=True)
class OrphanApprovalRecord:
    """One approved orphan indication as the FDA lists it."""

    line: int
    generic_name: str
    trade_name: str
    designation: str
    designated_on: dt.date | None
    indication: str
    approved_on: dt.date
    withdrawn: bool
    grid_key: str
    sponsor: str

    @property
    def source_id(self) -> str:
        """A stable id of the row: the FDA's designation key, the approval date and a text hash.

        One designation key may carry several approvals on one day (each product of a
        combination has its own labelled indication), so the key and date are not enough.
        """
        text = f"{self.generic_name}|{self.trade_name}|{self.indication}"
        digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
        return f"{self.grid_key}/{self.approved_on.isoformat()}/{digest}"


def parse_fda_date(raw: str, field: str) -> dt.date:
    """'9/05/17' or '09/05/2017' -> date(2017, 9, 5); BadField if neither."""
    match = _DATE.match(raw.strip())
    if not match:
        raise BadField(field, f"not a date: {raw!r}")
    month, day, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 1900 if year >= _CENTURY_PIVOT else 2000
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise BadField(field, f"not a date: {raw!r}") from exc


def _record(row: dict[str, str], line: int) -> OrphanApprovalRecord:
    generic = " ".join(row["Generic Name"].split())
    if not generic:
        raise BadField("Generic Name", "empty")
    approved = row["Marketing Approval Date"].strip()
    if not approved:
        raise BadField("Marketing Approval Date", "empty")
    designated = row["Date Designated"].strip()
    status = row["Orphan Designation Status"].strip()
    if "approved" not in status.casefold():
        raise BadField("Orphan Designation Status", f"not an approval: {status!r}")
    return OrphanApprovalRecord(
        line=line,
        generic_name=generic,
        trade_name=" ".join(row["Trade Name"].split()),
        designation=" ".join(row["Orphan Designation"].split()),
        designated_on=parse_fda_date(designated, "Date Designated") if designated else None,
        indication=" ".join(row["Approved Labeled Indication"].split()),
        approved_on=parse_fda_date(approved, "Marketing Approval Date"),
        withdrawn="withdrawn" in status.casefold(),
        grid_key=row["CF Grid Key"].strip(),
        sponsor=" ".join(row.get("Sponsor Company", "").split()),
    )


def iter_orphan_approvals(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[OrphanApprovalRecord | SourceRowError]:
    """Yield each approved indication, or a SourceRowError naming the line and field."""
    rows = iter_csv_rows(path, on_progress)
    header: list[str] | None = None
    for item in rows:
        if isinstance(item, SourceRowError):
            yield item
            continue
        line, fields = item
        if header is None:
            header = [name.strip().lstrip("\ufeff") for name in fields]
            missing = [name for name in REQUIRED_COLUMNS if name not in header]
            if missing:
                raise SourceFileError(f"{path}: not an FDA orphan export, missing {missing}")
            continue
        if not any(value.strip() for value in fields[1:]):
            continue  # a blank line, or the export's closing note in the first column
        row = dict(zip(header, fields, strict=False))
        try:
            yield _record({**dict.fromkeys(header, ""), **row}, line)
        except BadField as exc:
            yield SourceRowError(str(path), line, exc.field, exc.message)
