"""Rank conditions by a case's signs (observed and excluded), onset, sex and gene.

`conditions_rank_by_phenotypes` is the one entry point (treatment search, the API, the family
description search and the case report call it); the rest is here for tests and benchmarks.
"""

from treatments.phenotypes.explain import ExcludedSign, ExpectedSign, PhenotypeMatch
from treatments.phenotypes.index import (
    PhenotypeIndex,
    phenotype_index_build,
    phenotype_index_clear,
    phenotype_index_get,
)
from treatments.phenotypes.rank import (
    MAX_AGE_MONTHS,
    MAX_LIMIT,
    MAX_TERMS,
    SEXES,
    ConditionScore,
    conditions_rank_by_phenotypes,
)

__all__ = [
    "MAX_AGE_MONTHS",
    "MAX_LIMIT",
    "MAX_TERMS",
    "SEXES",
    "ConditionScore",
    "ExcludedSign",
    "ExpectedSign",
    "PhenotypeIndex",
    "PhenotypeMatch",
    "conditions_rank_by_phenotypes",
    "phenotype_index_build",
    "phenotype_index_clear",
    "phenotype_index_get",
]
