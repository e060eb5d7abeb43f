"""Making an OMIM entry a cross-reference of the one condition a source maps it to exactly.

When that OMIM entry is still a condition of its own (from the HPO annotations), it is merged
into the target with the editors' merge service, so there is one merge code path only.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from curation.services.merge import condition_merge
from identifiers.urls import identifier_url
from ingest.rows import WriteOutcome, upsert_rows
from kbimport.importers.common import ImportTally
from kbimport.importers.resolve import ConditionIndex
from knowledge.models import Condition, ConditionIdentifier

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExactMapping:
    """A source's statement that OMIM ``omim`` is the same disease as condition ``target``."""

    omim: str
    target: int
    relation: str
    source: str
    source_id: str
    retrieved_on: dt.date


def exact_omim_attach(
    mappings: list[ExactMapping], index: ConditionIndex, tally: ImportTally
) -> None:
    """Attach each OMIM id to its target: as a new cross-reference, or by merging its condition."""
    holders = {m.omim: index.find(f"OMIM:{m.omim}") for m in mappings}
    merging = {
        pk for m in mappings
        if (pk := holders[m.omim]) is not None and pk != m.target
        and index.primary.get(pk) == f"OMIM:{m.omim}"
    }  # fmt: skip
    conditions = Condition.objects.in_bulk([*merging, *(m.target for m in mappings)])
    rows = []
    for mapping in mappings:
        curie = f"OMIM:{mapping.omim}"
        holder = holders[mapping.omim]
        if holder is not None and holder != mapping.target:
            if holder not in merging or holder not in conditions:
                tally.skip("OMIM id already a cross-reference of another condition")
                continue
            try:
                with transaction.atomic():  # a failed merge rolls back alone
                    condition_merge(
                        source=conditions[holder], target=conditions[mapping.target], user=None
                    )
            except DatabaseError:
                logger.exception("merging %s into condition %s failed", curie, mapping.target)
                tally.skip("merge failed (see the log)")
                continue
            conditions.pop(holder)
            index.merged(holder, mapping.target)
            tally.add("Condition merged", WriteOutcome(updated=1))
            logger.info("merged %s into condition %s", curie, mapping.target)
        index.add(curie, mapping.target)
        rows.append({
            "condition_id": mapping.target, "scheme": "OMIM", "value": mapping.omim,
            "mapping": mapping.relation[:60], "source": mapping.source,
            "source_id": mapping.source_id, "source_url": identifier_url("OMIM", mapping.omim),
            "retrieved_on": mapping.retrieved_on,
        })  # fmt: skip
    # Rows are only ours to update when they already sit on the target (checked above).
    tally.add("ConditionIdentifier", upsert_rows(
        ConditionIdentifier, rows, conflict=["scheme", "value"],
        update=["mapping", "source", "source_id", "source_url", "retrieved_on"],
    ))  # fmt: skip
