"""Parse OMIM's mim2gene.txt (MIM number to NCBI Gene, HGNC symbol and Ensembl)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceRowError,
    header_value,
    iter_lines,
    parse_int,
    split_row,
)

ENTRY_TYPES = frozenset(
    {"gene", "phenotype", "moved/removed", "gene/phenotype", "predominantly phenotypes"}
)


@dataclass(frozen=True, slots=True)
class Mim2GeneRecord:
    """One line of mim2gene.txt."""

    mim_number: int
    entry_type: str
    entrez_id: int | None
    symbol: str | None
    ensembl_gene_id: str | None


def mim2gene_generated(path: Path | str) -> str | None:
    """The date in the '# Generated: YYYY-MM-DD' header line."""
    return header_value(path, "# Generated")


def _record(fields: list[str]) -> Mim2GeneRecord:
    mim_number = parse_int(fields[0], "mim_number")
    if mim_number is None:
        raise BadField("mim_number", "empty MIM number")
    if fields[1] not in ENTRY_TYPES:
        raise BadField("entry_type", f"unknown entry type {fields[1]!r}")
    return Mim2GeneRecord(
        mim_number=mim_number,
        entry_type=fields[1],
        entrez_id=parse_int(fields[2], "entrez_id"),
        symbol=fields[3] or None,
        ensembl_gene_id=fields[4] or None,
    )


def iter_mim2gene(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[Mim2GeneRecord | SourceRowError]:
    """Yield each data line of mim2gene.txt ('#' lines are comments)."""
    for item in iter_lines(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        if item.text.startswith("#") or not item.text.strip():
            continue
        fields = split_row(item, 5, path)
        if isinstance(fields, SourceRowError):
            yield fields
            continue
        try:
            yield _record(fields)
        except BadField as exc:
            yield SourceRowError(str(path), item.number, exc.field, exc.message)
