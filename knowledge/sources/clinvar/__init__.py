"""Parsers for ClinVar: VCV XML releases and the tab-separated exports."""

from knowledge.sources.clinvar.records import (
    ClinVarCondition,
    ClinVarVariantRecord,
    GeneSummaryRecord,
    HgvsExpression,
)
from knowledge.sources.clinvar.tabular import iter_clinvar_tabular, iter_gene_specific_summary
from knowledge.sources.clinvar.vcv import iter_vcv_records

__all__ = [
    "ClinVarCondition",
    "ClinVarVariantRecord",
    "GeneSummaryRecord",
    "HgvsExpression",
    "iter_clinvar_tabular",
    "iter_gene_specific_summary",
    "iter_vcv_records",
]
