"""Parse the HGNC complete set (tab-separated, plain or gzip)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from identifiers.ids import HGNC_ID_RE
from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceRowError,
    iter_tsv_records,
    parse_int,
    split_values,
)

_REQUIRED = ("hgnc_id", "symbol", "name", "status", "locus_group", "entrez_id", "omim_id")


@dataclass(frozen=True, slots=True)
class HgncGeneRecord:
    """One gene of the HGNC complete set."""

    hgnc_id: str
    symbol: str
    name: str
    status: str
    locus_group: str | None
    locus_type: str | None
    alias_symbols: tuple[str, ...]
    prev_symbols: tuple[str, ...]
    entrez_id: int | None
    omim_ids: tuple[int, ...]
    ensembl_gene_id: str | None
    location: str | None
    orphanet_id: int | None
    date_modified: str | None
    # Other names HGNC records (protein-style names: "glucocerebrosidase", "hamartin"), and
    # older approved names; some name the disease the gene was first known by.
    alias_names: tuple[str, ...] = ()
    prev_names: tuple[str, ...] = ()


def _values(value: str) -> tuple[str, ...]:
    # Multi-valued cells are quoted and pipe-separated: "BCD541|SMNT|SMA1".
    return split_values(value.strip('"'))


def _record(row: dict[str, str]) -> HgncGeneRecord:
    if not HGNC_ID_RE.match(row["hgnc_id"]):
        raise BadField("hgnc_id", f"not an HGNC id: {row['hgnc_id']!r}")
    if not row["symbol"]:
        raise BadField("symbol", "empty symbol")
    omim = tuple(n for v in _values(row["omim_id"]) if (n := parse_int(v, "omim_id")) is not None)
    return HgncGeneRecord(
        hgnc_id=row["hgnc_id"],
        symbol=row["symbol"],
        name=row["name"],
        status=row["status"],
        locus_group=row["locus_group"] or None,
        locus_type=row.get("locus_type") or None,
        alias_symbols=_values(row.get("alias_symbol", "")),
        prev_symbols=_values(row.get("prev_symbol", "")),
        entrez_id=parse_int(row["entrez_id"], "entrez_id"),
        omim_ids=omim,
        ensembl_gene_id=row.get("ensembl_gene_id") or None,
        location=row.get("location") or None,
        orphanet_id=parse_int(row.get("orphanet"), "orphanet"),
        date_modified=row.get("date_modified") or None,
        alias_names=_values(row.get("alias_name", "")),
        prev_names=_values(row.get("prev_name", "")),
    )


def iter_hgnc_genes(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[HgncGeneRecord | SourceRowError]:
    """Yield each gene of hgnc_complete_set.txt(.gz); columns are found by header name."""
    yield from iter_tsv_records(
        path, on_progress, required=tuple(_REQUIRED), build=lambda row, _line: _record(row)
    )
