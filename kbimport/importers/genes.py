"""Enrich genes from HGNC's complete set and OMIM's mim2gene.

HGNC finds a stored gene by HGNC id, then NCBI Gene id, then symbol, and adds every approved
gene not yet stored. mim2gene only sets the OMIM gene number of genes already stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from identifiers.urls import hgnc_gene_url
from ingest.rows import update_rows, upsert_rows
from kbimport.importers.common import (
    ImportTally,
    batched,
    import_run,
    keep_records,
    progress_bar,
)
from kbimport.importers.resolve import GeneIndex
from kbimport.sources.common import ProgressCallback
from kbimport.sources.hgnc import HgncGeneRecord, iter_hgnc_genes
from kbimport.sources.omim import Mim2GeneRecord, iter_mim2gene, mim2gene_generated
from knowledge.models import Gene

HGNC_TASK = "import_hgnc"
MIM2GENE_TASK = "import_mim2gene"
HGNC_SOURCE = "HGNC complete set"
_HGNC_FIELDS = ["symbol", "hgnc_id", "name", "aliases", "previous_symbols", "other_names",
                "ncbi_gene_id",
                "ensembl_id", "location", "locus_group", "source", "source_id", "source_url",
                "retrieved_on"]  # fmt: skip


def file_date(path: Path) -> dt.date:
    """The day a downloaded file was written: its retrieval date when it states no release."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()


def _hgnc_values(record: HgncGeneRecord, retrieved: dt.date) -> dict[str, Any]:
    return {
        "symbol": record.symbol[:40], "hgnc_id": record.hgnc_id, "name": record.name[:300],
        "aliases": [a[:60] for a in record.alias_symbols],
        "previous_symbols": [p[:60] for p in record.prev_symbols],
        "other_names": _other_names(record),
        "ncbi_gene_id": record.entrez_id, "ensembl_id": (record.ensembl_gene_id or "")[:30],
        "location": (record.location or "")[:60], "locus_group": (record.locus_group or "")[:60],
        "source": HGNC_SOURCE, "source_id": record.hgnc_id,
        "source_url": hgnc_gene_url(record.hgnc_id),
        "retrieved_on": retrieved,
    }  # fmt: skip


def _other_names(record: HgncGeneRecord) -> list[str]:
    """HGNC's alias and previous names, once each, without the approved name."""
    seen = {record.name.casefold()}
    names = []
    for text in (*record.alias_names, *record.prev_names):
        if text.casefold() not in seen:
            seen.add(text.casefold())
            names.append(text[:300])
    return names


def import_hgnc(*, path: Path, batch_size: int = 2000) -> ImportTally:
    """Update stored genes from HGNC and add the approved genes not yet stored."""
    path = Path(path)
    return hgnc_records_import(
        records=lambda bar: iter_hgnc_genes(path, bar), scope=path.name,
        retrieved=file_date(path), batch_size=batch_size,
    )  # fmt: skip


def hgnc_records_import(
    *,
    records: Callable[[ProgressCallback | None], Iterable[object]],
    scope: str,
    retrieved: dt.date,
    task: str = HGNC_TASK,
    batch_size: int = 2000,
) -> ImportTally:
    """Update stored genes from HGNC records and add the approved genes not yet stored."""
    with import_run(task, scope) as tally:
        genes = GeneIndex()
        with progress_bar("HGNC") as bar:
            for batch in batched(records(bar), batch_size):
                records = keep_records(batch, HgncGeneRecord, tally)
                with transaction.atomic():
                    _write_hgnc(records, genes, retrieved, tally)
                tally.checkpoint()
    return tally


def _write_hgnc(
    records: list[HgncGeneRecord], genes: GeneIndex, retrieved: dt.date, tally: ImportTally
) -> None:
    existing, new = [], []
    for record in records:
        if record.status != "Approved":
            tally.skip("HGNC entry not approved")
            continue
        pk = genes.find(hgnc_id=record.hgnc_id, ncbi_gene_id=record.entrez_id,
                        symbol=record.symbol)  # fmt: skip
        owners = {genes.by_symbol.get(record.symbol), genes.by_hgnc.get(record.hgnc_id)}
        if record.entrez_id:
            owners.add(genes.by_ncbi.get(record.entrez_id))
        if owners - {None, pk}:
            tally.skip("symbol or id held by another stored gene")
            continue
        values = _hgnc_values(record, retrieved)
        if pk is None:
            new.append({**values, "omim_id": str(record.omim_ids[0]) if record.omim_ids else ""})
        else:
            existing.append({"id": pk, **values})
        genes.remember(pk or -1, symbol=record.symbol, hgnc_id=record.hgnc_id,
                       ncbi_gene_id=record.entrez_id)  # fmt: skip
    # The OMIM number is mim2gene's to maintain; HGNC only fills it in for genes it adds.
    tally.add("Gene", update_rows(Gene, existing, key="id", fields=_HGNC_FIELDS,
                                  touch=["updated_at"]))  # fmt: skip
    tally.add("Gene", upsert_rows(Gene, new, conflict=["hgnc_id"], touch=["updated_at"]))
    for pk, symbol, hgnc, ncbi in Gene.objects.filter(
        hgnc_id__in=[row["hgnc_id"] for row in new]
    ).values_list("pk", "symbol", "hgnc_id", "ncbi_gene_id"):
        genes.remember(pk, symbol=symbol, hgnc_id=hgnc, ncbi_gene_id=ncbi)


def import_mim2gene(*, path: Path, batch_size: int = 5000) -> ImportTally:
    """Set the OMIM gene number of stored genes, matched by NCBI Gene id or symbol."""
    path = Path(path)
    return mim2gene_records_import(
        records=lambda bar: iter_mim2gene(path, bar),
        scope=f"{path.name} {mim2gene_generated(path) or ''}".strip(),
        batch_size=batch_size,
    )


def mim2gene_records_import(
    *,
    records: Callable[[ProgressCallback | None], Iterable[object]],
    scope: str,
    task: str = MIM2GENE_TASK,
    batch_size: int = 5000,
) -> ImportTally:
    """Set the OMIM gene number of stored genes from mim2gene records (NCBI id or symbol)."""
    with import_run(task, scope) as tally:
        genes = GeneIndex()
        with progress_bar("mim2gene") as bar:
            for batch in batched(records(bar), batch_size):
                rows = []
                for record in keep_records(batch, Mim2GeneRecord, tally):
                    if record.entry_type not in ("gene", "gene/phenotype"):
                        tally.skip("not a gene entry")
                        continue
                    pk = genes.find(ncbi_gene_id=record.entrez_id, symbol=record.symbol)
                    if pk is None:
                        tally.skip("gene not in database")
                        continue
                    rows.append({"id": pk, "omim_id": str(record.mim_number)})
                with transaction.atomic():
                    tally.add("Gene", update_rows(Gene, rows, key="id", fields=["omim_id"],
                                                  touch=["updated_at"]))  # fmt: skip
                tally.checkpoint()
    return tally
