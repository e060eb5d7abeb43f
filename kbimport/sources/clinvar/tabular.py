"""Parse ClinVar's tab-separated exports: website search results and gene_specific_summary.txt."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from kbimport.sources.clinvar.records import (
    ClinVarCondition,
    ClinVarVariantRecord,
    GeneSummaryRecord,
)
from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceRowError,
    iter_lines,
    iter_tsv_records,
    parse_int,
    split_row,
    split_values,
)

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_US_DATE = re.compile(r"^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$")
# The 2020 layout packs the date into the significance: "Pathogenic(Last reviewed: Mar 1, 2016)".
_LAST_REVIEWED = re.compile(r"^(.*?)\s*\(Last reviewed: ([^)]*)\)$")
_OLD_SIGNIFICANCE = "Clinical significance (Last reviewed)"
_SUMMARY_COLUMNS = 9


def parse_us_date(value: str | None, field: str) -> dt.date | None:
    """Parse ClinVar's 'Mar 18, 2016' dates ('-' or empty give None)."""
    if not value or value.strip() in ("-", ""):
        return None
    match = _US_DATE.match(value.strip())
    if match is None or match.group(1) not in _MONTHS:
        raise BadField(field, f"not a date: {value!r}")
    month, day, year = _MONTHS[match.group(1)], int(match.group(2)), int(match.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadField(field, f"not a date: {value!r}") from None


def _significance(row: dict[str, str]) -> tuple[str | None, str | None, dt.date | None]:
    """(significance, review status, date last evaluated) from either column layout."""
    if _OLD_SIGNIFICANCE in row:
        value = row[_OLD_SIGNIFICANCE].strip()
        match = _LAST_REVIEWED.match(value)
        significance, date = (match.group(1), match.group(2)) if match else (value, None)
        return (
            significance or None,
            row.get("Review status") or None,
            parse_us_date(date, _OLD_SIGNIFICANCE),
        )
    date = parse_us_date(row.get("Germline date last evaluated"), "Germline date last evaluated")
    return (
        row.get("Germline classification") or None,
        row.get("Germline review status") or None,
        date,
    )


def _variant(row: dict[str, str], number: int) -> ClinVarVariantRecord:
    variation_id = parse_int(row.get("VariationID"), "VariationID")
    if variation_id is None:
        raise BadField("VariationID", "empty variation id")
    significance, review, date = _significance(row)
    rsid = row.get("dbSNP ID") or None
    return ClinVarVariantRecord(
        variation_id=variation_id,
        accession=row.get("Accession") or None,
        name=row.get("Name") or None,
        variant_type=row.get("Variant type") or None,
        gene_symbols=split_values(row.get("Gene(s)")),
        hgvs=(),
        rsid=rsid,
        clinical_significance=significance,
        review_status=review,
        molecular_consequences=split_values(row.get("Molecular consequence")),
        conditions=tuple(
            ClinVarCondition(n, None, None) for n in split_values(row.get("Condition(s)"))
        ),
        date_last_evaluated=date,
        protein_change=row.get("Protein change") or None,
        spdi=row.get("Canonical SPDI") or None,
        line=number,
    )


def iter_clinvar_tabular(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[ClinVarVariantRecord | SourceRowError]:
    """Yield each variant of a ClinVar website export (2020 or current column layout)."""
    yield from iter_tsv_records(path, on_progress, required=("VariationID",), build=_variant)


def iter_gene_specific_summary(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[GeneSummaryRecord | SourceRowError]:
    """Yield each gene of gene_specific_summary.txt (its 2 header lines start with '#')."""
    for item in iter_lines(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        if item.text.startswith("#") or not item.text:
            continue
        fields = split_row(item, _SUMMARY_COLUMNS, path)
        if isinstance(fields, SourceRowError):
            yield fields
            continue
        try:
            numbers = [
                parse_int(v, name) for v, name in zip(fields[1:], _NUMBER_FIELDS, strict=True)
            ]
        except BadField as exc:
            yield SourceRowError(str(path), item.number, exc.field, exc.message)
            continue
        yield GeneSummaryRecord(fields[0], *numbers)


_NUMBER_FIELDS = (
    "GeneID",
    "Total_submissions",
    "Total_alleles",
    "Submissions_reporting_this_gene",
    "Alleles_reported_Pathogenic_Likely_pathogenic",
    "Gene_MIM_number",
    "Number_uncertain",
    "Number_with_conflicts",
)
