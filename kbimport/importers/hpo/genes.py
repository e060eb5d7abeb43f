"""Genes of the HPO disease-gene file (NCBI Gene ids) and their links to imported diseases."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ingest.rows import upsert_rows
from kbimport.importers.common import ImportTally, batched, keep_records, progress_bar
from kbimport.importers.hpo.files import ANNOTATION_SOURCE, HPO_URL, HpoFiles
from kbimport.importers.resolve import ConditionIndex, GeneIndex
from kbimport.sources.hpo import GeneDiseaseRecord, iter_gene_disease_links
from knowledge.models import ConditionGene, Gene


def _gene_row(record: GeneDiseaseRecord, files: HpoFiles) -> dict[str, Any]:
    return {
        "ncbi_gene_id": record.ncbi_gene_id, "symbol": record.gene_symbol, "hgnc_id": None,
        "name": "", "aliases": [], "previous_symbols": [], "other_names": [], "omim_id": "",
        "ensembl_id": "",
        "location": "", "locus_group": "", "source": f"{ANNOTATION_SOURCE} {files.version}",
        "source_id": f"NCBIGene:{record.ncbi_gene_id}",
        "source_url": f"https://www.ncbi.nlm.nih.gov/gene/{record.ncbi_gene_id}",
        "retrieved_on": files.release,
    }  # fmt: skip


def import_gene_links(files: HpoFiles, tally: ImportTally, index: ConditionIndex) -> None:
    """Add genes not yet known (by NCBI Gene id) and link them to the imported diseases."""
    genes = GeneIndex()
    # Genes the pack brought (HGNC id and symbol) get their NCBI id only in the later HGNC step:
    # the HPO file's gene of the same symbol is that gene, so its links must not be dropped.
    with_ncbi = set(genes.by_ncbi.values())
    with progress_bar("HPO genes") as bar:
        for batch in batched(iter_gene_disease_links(files.genes, bar), 3000):
            records = keep_records(batch, GeneDiseaseRecord, tally)
            new_rows = {}
            for record in records:
                known = genes.find(ncbi_gene_id=record.ncbi_gene_id) is not None
                if known or record.ncbi_gene_id in new_rows:
                    continue
                same_symbol = genes.by_symbol.get(record.gene_symbol)
                if same_symbol is not None and same_symbol > 0 and same_symbol not in with_ncbi:
                    genes.by_ncbi[record.ncbi_gene_id] = same_symbol
                    with_ncbi.add(same_symbol)
                    continue
                if same_symbol is not None:
                    tally.skip("gene symbol used by another gene")
                    continue
                new_rows[record.ncbi_gene_id] = _gene_row(record, files)
                genes.by_symbol[record.gene_symbol] = -1  # reserved until inserted
            with transaction.atomic():
                tally.add("Gene", upsert_rows(
                    Gene, list(new_rows.values()), conflict=["ncbi_gene_id"], touch=["updated_at"]
                ))  # fmt: skip
                for pk, symbol, ncbi in Gene.objects.filter(
                    ncbi_gene_id__in=list(new_rows)
                ).values_list("pk", "symbol", "ncbi_gene_id"):
                    genes.remember(pk, symbol=symbol, hgnc_id=None, ncbi_gene_id=ncbi)
                tally.add("ConditionGene", upsert_rows(
                    ConditionGene, _link_rows(records, files, index, genes, tally),
                    conflict=["condition_id", "gene_id"],
                ))  # fmt: skip
            tally.checkpoint()


def _link_rows(
    records: list[GeneDiseaseRecord],
    files: HpoFiles,
    index: ConditionIndex,
    genes: GeneIndex,
    tally: ImportTally,
) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        condition = index.find(record.disease_id)
        gene = genes.find(ncbi_gene_id=record.ncbi_gene_id)
        if condition is None:
            tally.skip("gene link to a disease not imported")
            continue
        if gene is None:
            continue  # already counted as skipped with its gene
        rows.append({
            "condition_id": condition, "gene_id": gene, "association": "",
            "source": f"{ANNOTATION_SOURCE} {files.version}", "source_id": record.disease_id,
            "source_url": HPO_URL, "retrieved_on": files.release,
        })  # fmt: skip
    return rows
