"""Parsers for ClinVar: VCV XML releases and the tab-separated exports."""

from kbimport.sources.clinvar.records import (
    ClinVarCondition,
    ClinVarVariantRecord,
    GeneSummaryRecord,
    HgvsExpression,
)
from kbimport.sources.clinvar.tabular import iter_clinvar_tabular, iter_gene_specific_summary
from kbimport.sources.clinvar.vcv import iter_vcv_records

__all__ = [
    "ClinVarCondition",
    "ClinVarVariantRecord",
    "GeneSummaryRecord",
    "HgvsExpression",
    "iter_clinvar_tabular",
    "iter_gene_specific_summary",
    "iter_vcv_records",
]
