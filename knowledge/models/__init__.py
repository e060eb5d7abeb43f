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
    SubtypeRelation,
    SynonymKind,
)
from knowledge.models.genes import Gene
from knowledge.models.orphan import IndicationMatch, OrphanApproval
from knowledge.models.phenotypes import Phenotype, PhenotypeSynonym
from knowledge.models.reviews import SummaryReview, SummaryReviewStatus
from knowledge.models.therapies import (
    ApprovalStatus,
    DatePrecision,
    EvidenceLevel,
    Modality,
    Region,
    RegulatoryEvent,
    RegulatoryEventKind,
    Therapy,
    TherapyLink,
    TherapySlugRedirect,
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
    "DatePrecision",
    "EvidenceLevel",
    "Gene",
    "IdentifierScheme",
    "IndicationMatch",
    "InheritanceMode",
    "Modality",
    "OnsetCategory",
    "OrphanApproval",
    "Phenotype",
    "PhenotypeSynonym",
    "Provenance",
    "Region",
    "RegulatoryEvent",
    "RegulatoryEventKind",
    "ReviewStatus",
    "ReviewableLink",
    "SlugRedirect",
    "SubtypeRelation",
    "SummaryReview",
    "SummaryReviewStatus",
    "SynonymKind",
    "Therapy",
    "TherapyLink",
    "TherapySlugRedirect",
    "Variant",
    "VariantCondition",
]
