"""Record types of the ClinVar parsers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HgvsExpression:
    """An HGVS expression: kind ('coding', 'protein', 'genomic, top-level'...), text, assembly."""

    type: str
    expression: str
    assembly: str | None


@dataclass(frozen=True, slots=True)
class ClinVarCondition:
    """A condition named in a classification, with one identifier (db, id) when given."""

    name: str
    db: str | None
    id: str | None


@dataclass(frozen=True, slots=True)
class ClinVarVariantRecord:
    """A ClinVar variant (VCV); fields a source does not carry are None or empty."""

    variation_id: int
    accession: str | None
    name: str | None
    variant_type: str | None
    gene_symbols: tuple[str, ...]
    hgvs: tuple[HgvsExpression, ...]
    rsid: str | None
    clinical_significance: str | None
    review_status: str | None
    molecular_consequences: tuple[str, ...]
    conditions: tuple[ClinVarCondition, ...]
    date_last_evaluated: dt.date | None
    protein_change: str | None = None
    spdi: str | None = None  # ClinVar's canonical SPDI, the place on GRCh38
    release_date: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class GeneSummaryRecord:
    """One gene of ClinVar's gene_specific_summary.txt ('-' counts become None)."""

    symbol: str
    gene_id: int | None
    total_submissions: int | None
    total_alleles: int | None
    submissions_reporting_gene: int | None
    alleles_pathogenic: int | None
    gene_mim_number: int | None
    number_uncertain: int | None
    number_with_conflicts: int | None
