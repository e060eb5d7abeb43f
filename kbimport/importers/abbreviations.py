"""Orphanet's abbreviations of disorders, from a curated file in the repository, as synonyms.

Part of the bundled load: without them a family typing "SMA" or "PKU" finds no condition until
`make enrich` loads every Orphanet synonym. Each row keeps the packet it came from and its
date, with the same source label as the ORPHApackets import, which later updates these rows in
place instead of adding twins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from identifiers.urls import identifier_url
from ingest.rows import upsert_rows
from kbimport.importers.common import ImportTally, file_scope, import_run, keep_records
from kbimport.importers.resolve import ConditionIndex
from kbimport.sources.common import BadField, iter_tsv_records
from knowledge.models import ConditionSynonym, SynonymKind

TASK = "import_abbreviations"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "orphanet_abbreviations.tsv"
SOURCE = "Orphanet ORPHApackets 2025-12"  # the label the ORPHApackets import gives its rows
RELEASED = dt.date(2025, 12, 9)  # the packets' creation date


@dataclass(frozen=True, slots=True)
class Abbreviation:
    orpha_code: int
    text: str


def _record(row: dict[str, str], line: int) -> Abbreviation:
    code, text = row["orpha_code"].strip(), row["abbreviation"].strip()
    if not code.isdigit():
        raise BadField("orpha_code", f"not an ORPHA code: {code!r}")
    if not text or len(text) > 300:
        raise BadField("abbreviation", "empty or longer than 300 characters")
    return Abbreviation(int(code), text)


def import_abbreviations(*, path: Path = DEFAULT_FILE) -> ImportTally:
    """Add each abbreviation to its stored condition; codes not stored are counted, not added."""
    path = Path(path)
    with import_run(TASK, file_scope(path)) as tally:
        index = ConditionIndex()
        items = iter_tsv_records(
            path, None, required=("orpha_code", "abbreviation"), build=_record, comment="#"
        )
        rows = []
        for item in keep_records(items, Abbreviation, tally):
            curie = f"ORPHA:{item.orpha_code}"
            condition_id = index.find(curie)
            if condition_id is None:
                tally.skip("disorder not among the stored conditions")
                continue
            rows.append({
                "condition_id": condition_id, "text": item.text,
                "kind": SynonymKind.ABBREVIATION, "source": SOURCE, "source_id": curie,
                "source_url": identifier_url("ORPHA", str(item.orpha_code)),
                "retrieved_on": RELEASED,
            })  # fmt: skip
        with transaction.atomic():
            tally.add("ConditionSynonym", upsert_rows(
                ConditionSynonym, rows, conflict=["condition_id", "text"],
                update=["source", "source_id", "source_url", "retrieved_on"],
                owned_by=("source", "Orphanet ORPHApackets"),
            ))  # fmt: skip
    return tally
