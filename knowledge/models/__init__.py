"""The knowledge base: conditions, genes, phenotypes, variants and therapy candidates."""

from knowledge.models.common import Provenance, ReviewableLink, ReviewStatus
from knowledge.models.conditions import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    IdentifierScheme,
    InheritanceMode,
    OnsetCategory,
    SlugRedirect,
    SynonymKind,
)
from knowledge.models.genes import Gene
from knowledge.models.phenotypes import Phenotype, PhenotypeSynonym
from knowledge.models.therapies import (
    ApprovalStatus,
    EvidenceLevel,
    Modality,
    Therapy,
    TherapyLink,
)
from knowledge.models.variants import Variant, VariantCondition

__all__ = [
    "ApprovalStatus",
    "Condition",
    "ConditionGene",
    "ConditionIdentifier",
    "ConditionPhenotype",
    "ConditionSubtype",
    "ConditionSynonym",
    "EvidenceLevel",
    "Gene",
    "IdentifierScheme",
    "InheritanceMode",
    "Modality",
    "OnsetCategory",
    "Phenotype",
    "PhenotypeSynonym",
    "Provenance",
    "ReviewStatus",
    "ReviewableLink",
    "SlugRedirect",
    "SynonymKind",
    "Therapy",
    "TherapyLink",
    "Variant",
    "VariantCondition",
]
