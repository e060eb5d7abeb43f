"""The frozen dataclasses a treatment search passes between layers: query in, results out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

MAX_RESULTS = 100
MAX_AGE_YEARS = 120


def age_in_months(years: int | None, months: int | None) -> int | None:
    """Years plus months as months; None when neither was given."""
    if years is None and months is None:
        return None
    return (years or 0) * 12 + (months or 0)


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
    # Facts for each therapy's eligibility (treatments/eligibility.py); None when not given.
    copies: int | None = None  # copies of the entered variant: 1 or 2
    current_age_months: int | None = None  # age now (age_months above is age at onset)
    ambulatory: bool | None = None

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
    et_al: bool = False  # only the first author is recorded
    publisher: str = ""  # for a regulator's page, the regulator

    @property
    def display_title(self) -> str:
        """The title, or a plain statement that it is not recorded (never an invented one)."""
        if self.title:
            return self.title
        if self.kind == "pmid":
            return f"Title not recorded (PMID {self.identifier})"
        if self.kind == "nct":
            return f"ClinicalTrials.gov record {self.identifier} (title not recorded)"
        return f"Web page at {urlsplit(self.url).netloc} (title not recorded)"


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
    # Derived from the link's regulatory events, and the eligibility of what was entered.
    regulatory: Any = None  # knowledge.regulatory.LinkStatus
    eligibility: Any = None  # treatments.eligibility.Eligibility
    population: str = ""
    not_confirmed: tuple[str, ...] = ()
    note: str = ""
    # Set when an editor wrote the mechanism shown (the link's, or the therapy's when the link
    # has none), not the link's source:
    # who and when (knowledge.editor_values), e.g. "RareLabs editors, 2026-12-07".
    mechanism_source: str = ""
    # The link's other facts an editor set, not its source (knowledge.editor_values.EditorValue).
    editor_values: tuple[Any, ...] = ()


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
    # Therapies in the conditions' trials not listed above: trials.selectors.StudiedTherapy.
    studied: tuple = ()
