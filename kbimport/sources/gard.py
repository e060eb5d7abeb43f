"""Parse the NIH GARD disease list and its cross-reference and gene tables (CSV, from NCATS)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceFileError,
    SourceRowError,
    iter_csv_rows,
    parse_int,
    split_values,
)

_GARD_ID = re.compile(r"^GARD:\d{7}$")
_DISEASE_COLUMNS = (
    "GardID",
    "DataSource",
    "SourceID",
    "ClassificationLevel",
    "DisorderType",
    "Name",
    "Synonym",
)
_XREF_COLUMNS = ("GardID", "XrefSource", "SourceID", "MapRelationship")
_GENE_COLUMNS = [
    "GardID",
    "DataSource",
    "SourceID",
    "SourceLabelID",
    "GeneCount",
    "GeneSymbol",
    "GeneSynonym",
    "GeneTitle",
    "GeneType",
    "Locus",
    "AssociationType",
    "AssociationStatus",
    "Reference",
    "OMIM",
    "Ensembl",
    "IUPHAR",
    "SwissProt",
    "Reactome",
    "GeneIdentifier",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GardDiseaseRecord:
    """A GARD disease, with the source it came from (e.g. 'ORPHA:70')."""

    gard_id: str
    data_source: str
    source_id: str | None
    classification_level: str | None
    disorder_type: str | None
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GardXrefRecord:
    """A cross-reference of a GARD disease; relation is None where the file says 'NA'."""

    gard_id: str
    source: str
    reference: str
    relation: str | None


@dataclass(frozen=True, slots=True)
class GardGeneRecord:
    """A disease-gene association listed by GARD (taken from Orphanet)."""

    gard_id: str
    source_id: str | None
    gene_symbol: str
    gene_synonyms: str | None  # raw "[a, b]": names contain commas, so it is not split
    gene_name: str | None
    gene_type: str | None
    locus: str | None
    association_type: str | None
    association_status: str | None
    pmids: tuple[int, ...]
    omim_id: str | None
    ensembl_gene_id: str | None
    hgnc_id: str | None


def _or_none(value: str) -> str | None:
    value = value.strip()
    return value or None


def _gard_id(value: str) -> str:
    if not _GARD_ID.match(value):
        raise BadField("GardID", f"not a GARD id: {value!r}")
    return value


def _iter_table(
    path: Path | str,
    columns: tuple[str, ...] | list[str],
    build: Callable[[dict[str, str]], T],
    on_progress: ProgressCallback | None,
) -> Iterator[T | SourceRowError]:
    for item in iter_csv_rows(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        number, fields = item
        if number == 1:
            if tuple(fields) != tuple(columns):
                raise SourceFileError(f"{path}: unexpected header {fields!r}")
            continue
        if len(fields) != len(columns):
            message = f"expected {len(columns)} columns, found {len(fields)}"
            yield SourceRowError(str(path), number, None, message)
            continue
        try:
            yield build(dict(zip(columns, fields, strict=True)))
        except BadField as exc:
            yield SourceRowError(str(path), number, exc.field, exc.message)


def _disease(row: dict[str, str]) -> GardDiseaseRecord:
    name = _or_none(row["Name"])
    if name is None:
        raise BadField("Name", "empty name")
    return GardDiseaseRecord(
        gard_id=_gard_id(row["GardID"]),
        data_source=row["DataSource"],
        source_id=_or_none(row["SourceID"]),
        classification_level=_or_none(row["ClassificationLevel"]),
        disorder_type=_or_none(row["DisorderType"]),
        name=name,
        synonyms=split_values(row["Synonym"]),
    )


def _xref(row: dict[str, str]) -> GardXrefRecord:
    if not row["XrefSource"] or not row["SourceID"]:
        raise BadField("SourceID", "empty source or reference")
    relation = _or_none(row["MapRelationship"])
    return GardXrefRecord(
        gard_id=_gard_id(row["GardID"]),
        source=row["XrefSource"],
        reference=row["SourceID"],
        relation=None if relation == "NA" else relation,
    )


def _pmids(value: str) -> tuple[int, ...]:
    refs = split_values(value.strip().strip("[]"), ",")
    if any(not r.startswith("PMID:") for r in refs):
        raise BadField("Reference", f"unexpected reference list {value!r}")
    return tuple(n for r in refs if (n := parse_int(r[5:], "Reference")) is not None)


def _gene(row: dict[str, str]) -> GardGeneRecord:
    if not row["GeneSymbol"]:
        raise BadField("GeneSymbol", "empty gene symbol")
    return GardGeneRecord(
        gard_id=_gard_id(row["GardID"]),
        source_id=_or_none(row["SourceLabelID"]),
        gene_symbol=row["GeneSymbol"],
        gene_synonyms=_or_none(row["GeneSynonym"]),
        gene_name=_or_none(row["GeneTitle"]),
        gene_type=_or_none(row["GeneType"]),
        locus=_or_none(row["Locus"]),
        association_type=_or_none(row["AssociationType"]),
        association_status=_or_none(row["AssociationStatus"]),
        pmids=_pmids(row["Reference"]),
        omim_id=_or_none(row["OMIM"]),
        ensembl_gene_id=_or_none(row["Ensembl"]),
        hgnc_id=_or_none(row["GeneIdentifier"]),
    )


def iter_gard_diseases(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[GardDiseaseRecord | SourceRowError]:
    """Yield each disease of GARD.csv."""
    return _iter_table(path, _DISEASE_COLUMNS, _disease, on_progress)


def iter_gard_xrefs(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[GardXrefRecord | SourceRowError]:
    """Yield each cross-reference of GARD_xrefs.csv."""
    return _iter_table(path, _XREF_COLUMNS, _xref, on_progress)


def iter_gard_genes(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[GardGeneRecord | SourceRowError]:
    """Yield each disease-gene association of GARD_genes.csv."""
    return _iter_table(path, _GENE_COLUMNS, _gene, on_progress)
