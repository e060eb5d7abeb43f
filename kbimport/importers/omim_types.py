"""Orphanet's BTNT mappings as types: an OMIM entry narrower than an Orphanet disease (mostly the
numbered, gene-defined types, "Noonan syndrome 8" under "Noonan syndrome") becomes a
`ConditionSubtype` of that disease, so the disease page lists it and a family's description
search shows it as its disease.

Runs after the HPO annotations, which create the OMIM entries as conditions. An OMIM id that is
already a cross-reference of another condition (merged by an exact mapping) is not linked: its
concept is stored under that condition, not as an entry of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from identifiers.urls import identifier_url
from ingest.rows import upsert_rows
from kbimport.importers.common import ImportTally, batched, import_run, keep_records
from kbimport.importers.resolve import ConditionIndex
from kbimport.sources.common import ProgressCallback
from kbimport.sources.orphanet import OrphaDisorderRecord
from knowledge.models import ConditionSubtype, SubtypeRelation

TASK = "import_omim_types"
PACK_TASK = "pack_omim_types"
SOURCE = "Orphanet ORPHApackets"
BROADER = "BTNT"  # "ORPHAcode is broader than the target"
_BATCH = 2000


def _release(record: OrphaDisorderRecord) -> dt.date:
    try:
        return dt.date.fromisoformat((record.date or "")[:10])
    except ValueError:
        return timezone.localdate()


def narrower_omim(record: OrphaDisorderRecord) -> list[str]:
    """The OMIM numbers Orphanet says are narrower than this disorder (BTNT), in file order."""
    return [
        x.reference
        for x in record.xrefs
        if x.source == "OMIM" and (x.relation or "").startswith(BROADER)
    ]


def _rows(records: list[OrphaDisorderRecord], index: ConditionIndex, tally: ImportTally) -> list:
    rows = []
    for record in records:
        parent = index.find(f"ORPHA:{record.orpha_code}")
        for omim in narrower_omim(record):
            curie = f"OMIM:{omim}"
            child = index.find(curie)
            if parent is None or child is None:
                tally.skip("disorder or OMIM entry not among the stored conditions")
            elif not index.owns(curie) or child == parent:
                tally.skip("OMIM id already part of another condition (exact mapping)")
            else:
                rows.append({
                    "parent_id": parent, "child_id": child,
                    "relation": SubtypeRelation.OMIM_NARROWER.value,
                    "source": f"{SOURCE} {(record.date or '')[:7]} (BTNT)".strip(),
                    "source_id": f"ORPHA:{record.orpha_code} BTNT {curie}",
                    "source_url": identifier_url("ORPHA", str(record.orpha_code)),
                    "retrieved_on": _release(record),
                })  # fmt: skip
    return rows


def omim_types_import(
    *,
    records: Callable[[ProgressCallback | None], Iterable[object]],
    scope: str,
    task: str = TASK,
) -> ImportTally:
    """Link each stored OMIM entry to the Orphanet disease that maps it as narrower (BTNT)."""
    with import_run(task, scope) as tally:
        index = ConditionIndex()
        for batch in batched(records(None), _BATCH):
            rows = _rows(keep_records(batch, OrphaDisorderRecord, tally), index, tally)
            with transaction.atomic():
                # A classification link between the same two conditions is left as it is.
                tally.add("ConditionSubtype", upsert_rows(
                    ConditionSubtype, rows, conflict=["parent_id", "child_id"],
                    update=["source", "source_id", "source_url", "retrieved_on"],
                    owned_by=("relation", SubtypeRelation.OMIM_NARROWER.value),
                ))  # fmt: skip
            tally.checkpoint()
    return tally
