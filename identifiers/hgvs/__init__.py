"""HGVS-style variant reading: `parse_variant`, `report_line` and the DMD exon-skipping table."""

from identifiers.hgvs.exons import (
    DMD_EXON_COUNT,
    DMD_SKIPPING_FILE,
    MAX_EXON_NUMBER,
    dmd_skipping_table,
    exon_skip_amenable,
)
from identifiers.hgvs.parse import parse_variant
from identifiers.hgvs.report import report_line
from identifiers.hgvs.types import (
    MAX_VARIANT_LENGTH,
    ONE_TO_THREE,
    THREE_TO_ONE,
    VariantDescription,
    VariantParseError,
    one_to_three,
    three_to_one,
)

__all__ = [
    "DMD_EXON_COUNT",
    "DMD_SKIPPING_FILE",
    "MAX_EXON_NUMBER",
    "MAX_VARIANT_LENGTH",
    "ONE_TO_THREE",
    "THREE_TO_ONE",
    "VariantDescription",
    "VariantParseError",
    "dmd_skipping_table",
    "exon_skip_amenable",
    "one_to_three",
    "parse_variant",
    "report_line",
    "three_to_one",
]
