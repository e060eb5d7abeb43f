"""Everyday names of conditions from a curated file, each row with the public page that gives it.

Part of the bundled load. A family types "Batten disease"; Orphanet's packets hold no such
synonym and GARD gives it only to a code the packets no longer carry, while NINDS names the
whole group of neuronal ceroid lipofuscinoses so. The name becomes a synonym of the condition
with that page as its source (name, address, the day it was read), shown on the condition page.
It is stored as an everyday name: search ranks it above a sign's own label ("Spinal muscular
atrophy" is also an HPO term), as it is the name a family types for this condition.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ingest.rows import upsert_rows
from kbimport.importers.common import ImportTally, file_scope, import_run, keep_records
from kbimport.importers.resolve import ConditionIndex
from kbimport.sources.common import BadField, iter_tsv_records
from knowledge.models import ConditionSynonym, SynonymKind

TASK = "import_curated_condition_names"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "curated_condition_names.tsv"
COLUMNS = ("curie", "name", "source", "source_url", "retrieved_on", "quote")


@dataclass(frozen=True, slots=True)
class CuratedName:
    curie: str
    name: str
    source: str
    source_url: str
    retrieved_on: dt.date


def _record(row: dict[str, str], line: int) -> CuratedName:
    values = {column: (row.get(column) or "").strip() for column in COLUMNS}
    for column in COLUMNS:
        if not values[column]:
            raise BadField(column, "empty")
    if ":" not in values["curie"]:
        raise BadField("curie", f"not a prefixed id: {values['curie']!r}")
    if len(values["name"]) > 300:
        raise BadField("name", "longer than 300 characters")
    if not values["source_url"].startswith("https://"):
        raise BadField("source_url", "not an https address")
    try:
        retrieved = dt.date.fromisoformat(values["retrieved_on"])
    except ValueError as exc:
        raise BadField("retrieved_on", "not a YYYY-MM-DD date") from exc
    return CuratedName(values["curie"], values["name"], values["source"][:80],
                       values["source_url"], retrieved)  # fmt: skip


def import_curated_names(*, path: Path = DEFAULT_FILE) -> ImportTally:
    """Add each name to its stored condition; conditions not stored are counted, not added."""
    path = Path(path)
    with import_run(TASK, file_scope(path)) as tally:
        index = ConditionIndex()
        items = iter_tsv_records(path, None, required=COLUMNS, build=_record, comment="#")
        rows = []
        for item in keep_records(items, CuratedName, tally):
            condition_id = index.find(item.curie)
            if condition_id is None:
                tally.skip("condition not stored")
                continue
            rows.append({
                "condition_id": condition_id, "text": item.name, "kind": SynonymKind.LAYPERSON,
                "source": item.source, "source_id": item.curie, "source_url": item.source_url,
                "retrieved_on": item.retrieved_on,
            })  # fmt: skip
        with transaction.atomic():
            # A name another source already gives the condition (Orphanet's) keeps that source.
            for source in sorted({row["source"] for row in rows}):
                tally.add("ConditionSynonym", upsert_rows(
                    ConditionSynonym, [row for row in rows if row["source"] == source],
                    conflict=["condition_id", "text"],
                    update=["kind", "source_id", "source_url", "retrieved_on"],
                    owned_by=("source", source),
                ))  # fmt: skip
    return tally


@functools.cache
def curated_sources() -> frozenset[str]:
    """The source labels the bundled file gives its names (the condition page shows them)."""
    records = iter_tsv_records(DEFAULT_FILE, None, required=COLUMNS, build=_record, comment="#")
    return frozenset(r.source for r in records if isinstance(r, CuratedName))
