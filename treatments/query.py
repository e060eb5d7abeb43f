"""The frozen dataclasses a treatment search passes between layers: query in, results out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

MAX_RESULTS = 100


class TreatmentQueryError(ValueError):
    """An input the search cannot use; `field` names it and the message says what is wrong."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class TreatmentFilters:
    """Narrow the ranked list; an empty tuple means "any"."""

    modality: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    evidence_level: tuple[str, ...] = ()
    trial_status: tuple[str, ...] = ()
    trial_phase: tuple[str, ...] = ()
    country: str = ""

    @property
    def touches_trials(self) -> bool:
        return bool(self.trial_status or self.trial_phase or self.country)


@dataclass(frozen=True)
class TreatmentQuery:
    """What the physician typed; any combination of the four inputs."""

    condition: str = ""
    gene: str = ""
    variant: str = ""
    phenotypes: str = ""
    filters: TreatmentFilters = field(default_factory=TreatmentFilters)
    limit: int = 50
    excluded_phenotypes: str = ""  # signs the patient does not have
    age_months: int | None = None  # age when the first signs appeared
    sex: str = ""  # "female", "male" or "" (not given)

    @property
    def is_empty(self) -> bool:
        return not (self.condition or self.gene or self.variant or self.phenotypes)


@dataclass(frozen=True)
class ConditionRef:
    id: int
    name: str
    slug: str
    primary_id: str
    how: str  # why this condition is in the search, in words


@dataclass(frozen=True)
class PhenotypeRef:
    id: int
    hpo_id: str
    name: str
    typed: str


@dataclass(frozen=True)
class TrialSummary:
    nct_id: str
    title: str
    status: str
    status_label: str
    phases: tuple[str, ...]
    countries: tuple[str, ...]
    is_open: bool
    url: str


@dataclass(frozen=True)
class Reference:
    """A citation: a PubMed record, a registered trial or a web page."""

    kind: str  # "pmid", "nct" or "url"
    identifier: str
    url: str
    title: str = ""
    journal: str = ""
    year: str = ""
    authors: tuple[str, ...] = ()
    doi: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""


@dataclass(frozen=True)
class TreatmentResult:
    """One ranked therapy candidate, with why it ranks where it does."""

    rank: int
    therapy_id: int
    therapy_name: str
    therapy_slug: str
    synonyms: tuple[str, ...]
    modality: str
    modality_label: str
    status: str
    status_label: str
    evidence_level: str
    evidence_label: str
    mechanism: str
    condition_name: str
    variant_scope: str
    tier: str
    tier_label: str
    reasons: tuple[str, ...]
    references: tuple[Reference, ...]
    trials: tuple[TrialSummary, ...]
    source: str
    source_url: str
    retrieved_on: datetime.date | None


@dataclass(frozen=True)
class RankedCondition:
    """A condition suggested by the phenotypes, with the matches that put it there."""

    condition: ConditionRef
    score: float
    matches: tuple  # tuple[treatments.phenotypes.PhenotypeMatch, ...]
    absent: tuple = ()  # tuple[treatments.phenotypes.ExpectedSign, ...]
    excluded: tuple = ()  # tuple[treatments.phenotypes.ExcludedSign, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TreatmentResults:
    query: TreatmentQuery
    conditions: tuple[ConditionRef, ...]
    gene_symbol: str
    variant_normalized: str
    phenotypes: tuple[PhenotypeRef, ...]
    notices: tuple[str, ...]
    results: tuple[TreatmentResult, ...]
    ranked_conditions: tuple[RankedCondition, ...]
    condition_trials: tuple[TrialSummary, ...]
    excluded_phenotypes: tuple[PhenotypeRef, ...] = ()
