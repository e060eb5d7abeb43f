"""Enrich conditions from NIH GARD: GARD ids as cross-references, GARD names as synonyms, and
OMIM entries GARD maps exactly to one Orphanet disorder (merged like Orphanet's own mappings).

The gene table (GARD_genes.csv) repeats Orphanet's gene links and is not imported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from identifiers.ids import parse_identifier
from ingest.rows import WriteOutcome, upsert_rows
from kbimport.importers.common import (
    ImportTally,
    batched,
    import_run,
    keep_records,
    progress_bar,
)
from kbimport.importers.crossref import ExactMapping, exact_omim_attach
from kbimport.importers.genes import file_date
from kbimport.importers.resolve import ConditionIndex
from kbimport.sources.common import ProgressCallback, SourceFileError
from kbimport.sources.gard import (
    GardDiseaseRecord,
    GardXrefRecord,
    iter_gard_diseases,
    iter_gard_xrefs,
)
from knowledge.models import Condition, ConditionIdentifier, ConditionSynonym

TASK = "import_gard"
SOURCE = "NIH GARD"


def import_gard(*, path: Path, batch_size: int = 1000) -> ImportTally:
    """Import GARD.csv (ids, synonyms) and GARD_xrefs.csv (exact OMIM mappings) from a folder."""
    path = Path(path)
    diseases, xrefs = path / "GARD.csv", path / "GARD_xrefs.csv"
    for file in (diseases, xrefs):
        if not file.is_file():
            raise SourceFileError(f"{file}: not found (expected GARD.csv and GARD_xrefs.csv)")
    return gard_records_import(
        diseases=lambda bar: iter_gard_diseases(diseases, bar),
        xrefs=lambda bar: iter_gard_xrefs(xrefs, bar),
        scope=path.name, retrieved=file_date(diseases), batch_size=batch_size,
    )  # fmt: skip


def gard_records_import(
    *,
    diseases: Callable[[ProgressCallback | None], Iterable[object]],
    xrefs: Callable[[ProgressCallback | None], Iterable[object]],
    scope: str,
    retrieved: dt.date,
    task: str = TASK,
    batch_size: int = 1000,
) -> ImportTally:
    """Import GARD disease records (ids, synonyms), then its exact OMIM mappings."""
    with import_run(task, scope) as tally:
        index = ConditionIndex()
        names = dict(Condition.objects.values_list("pk", "name"))
        with progress_bar("GARD diseases") as bar:
            for batch in batched(diseases(bar), batch_size):
                records = keep_records(batch, GardDiseaseRecord, tally)
                with transaction.atomic():
                    _write_diseases(records, index, names, retrieved, tally)
                tally.checkpoint()
        mappings = _exact_mappings(xrefs, index, retrieved, tally)
        for chunk in batched(mappings, batch_size):
            with transaction.atomic():
                exact_omim_attach(chunk, index, tally)
            tally.checkpoint()
    return tally


def _write_diseases(
    records: list[GardDiseaseRecord],
    index: ConditionIndex,
    names: dict[int, str],
    retrieved: object,
    tally: ImportTally,
) -> None:
    identifiers, synonyms = [], []
    for record in records:
        ident = parse_identifier(record.source_id or "")
        pk = index.find(ident.curie) if ident else None
        if pk is None:
            tally.skip("GARD disease without a stored condition")
            continue
        value = record.gard_id.partition(":")[2]
        common = {"condition_id": pk, "source": SOURCE, "source_id": record.gard_id,
                  "source_url": settings.GARD_DATA_URL, "retrieved_on": retrieved}  # fmt: skip
        identifiers.append({**common, "scheme": "GARD", "value": value, "mapping": ""})
        index.add(record.gard_id, pk)
        own_name = names.get(pk, "").casefold()
        synonyms.extend(
            {**common, "text": text[:300], "kind": "synonym"}
            for text in (record.name, *record.synonyms)
            if text.casefold() != own_name
        )
    tally.add("ConditionIdentifier", upsert_rows(
        ConditionIdentifier, identifiers, conflict=["scheme", "value"]
    ))  # fmt: skip
    tally.add("ConditionSynonym", upsert_rows(
        ConditionSynonym, synonyms, conflict=["condition_id", "text"],
        update=["source_id", "retrieved_on"], owned_by=("source", SOURCE),
    ))  # fmt: skip


def _exact_mappings(
    xrefs: Callable[[ProgressCallback | None], Iterable[object]],
    index: ConditionIndex,
    retrieved: object,
    tally: ImportTally,
) -> list[ExactMapping]:
    """OMIM ids GARD maps exactly, through one GARD disease, to exactly one Orphanet disorder."""
    orpha: dict[str, set[str]] = defaultdict(set)
    omim_to_gard: dict[str, set[str]] = defaultdict(set)
    with progress_bar("GARD xrefs") as bar:
        for batch in batched(xrefs(bar), 5000):
            for record in keep_records(batch, GardXrefRecord, tally):
                if record.relation != "Exact":
                    continue
                if record.source == "Orphanet":
                    orpha[record.gard_id].add(record.reference)
                elif record.source == "OMIM":
                    omim_to_gard[record.reference].add(record.gard_id)
    mappings = []
    for omim, gards in sorted(omim_to_gard.items()):
        codes = orpha.get(next(iter(gards)), set())
        if len(gards) != 1 or len(codes) != 1:
            continue
        target = index.find(f"ORPHA:{next(iter(codes))}")
        if target is None:
            tally.skip("GARD exact mapping to an Orphanet disorder not stored")
            continue
        if index.find(f"OMIM:{omim}") == target:
            # Already there (usually Orphanet's own mapping): GARD agrees, nothing to rewrite.
            tally.add("ConditionIdentifier", WriteOutcome(unchanged=1))
            continue
        mappings.append(ExactMapping(omim, target, "Exact (GARD)", SOURCE, next(iter(gards)),
                                     retrieved))  # type: ignore[arg-type]  # fmt: skip
    return mappings
