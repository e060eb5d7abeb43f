"""Build a family's report: what fits, what might help, which studies could take them, what to ask."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone

from cases.facts import SIGNS_BY_ID, CaseFacts
from cases.questions import case_questions, guide_topics
from cases.seams import TherapyFit, case_search, therapy_fits
from cases.trials import CaseTrial, case_trials, trial_questions
from knowledge.models import ApprovalStatus, Modality
from treatments.query import ConditionRef, PhenotypeRef, RankedCondition, TreatmentResult
from trials.eligibility import DOES_NOT_MATCH
from trials.selectors import StudiedTherapy

APPROVED = {ApprovalStatus.FDA_APPROVED, ApprovalStatus.EMA_APPROVED}
TIERS = (
    ("approved", "Approved treatments",
     "A medicines agency has approved these for this condition."),
    ("trials", "Treatments being tested in studies",
     "These are still being tested. You may get them by joining a study."),
    ("related", "Related by gene or by how they work",
     "These are approved for something else, no longer approved, only tested in the lab, "
     "or an idea. "
     "They are not proven for this condition."),
)  # fmt: skip
SUGGESTED_CONDITIONS = 5


@dataclass(frozen=True)
class TherapyItem:
    result: TreatmentResult
    fit: TherapyFit


@dataclass(frozen=True)
class TherapyTier:
    key: str
    label: str
    intro: str
    items: tuple[TherapyItem, ...]


@dataclass(frozen=True)
class TrialItem:
    trial: CaseTrial
    questions: tuple[str, ...]


@dataclass(frozen=True)
class CaseReport:
    """Everything the report page, the PDF and the alerts show; every fact keeps its source."""

    facts: CaseFacts
    made_at: datetime.datetime
    conditions: tuple[ConditionRef, ...]
    suggested: tuple[RankedCondition, ...]
    signs: tuple[PhenotypeRef, ...]
    gene_symbol: str
    variant_normalized: str
    notices: tuple[str, ...]
    tiers: tuple[TherapyTier, ...]
    studied: tuple[StudiedTherapy, ...]  # medicines the conditions' trials test, not approved
    trials: tuple[TrialItem, ...]  # fit or cannot tell, nearest first
    trials_not_fitting: tuple[TrialItem, ...]  # shown too, never hidden
    guide_topics: tuple[tuple[str, str], ...]  # (article slug, why it applies)
    questions: tuple[str, ...]

    @property
    def therapy_count(self) -> int:
        return sum(len(tier.items) for tier in self.tiers)

    def approved_therapy_ids(self) -> set[int]:
        return {item.result.therapy_id for item in self.tiers[0].items}

    def trial_ids(self) -> set[str]:
        return {item.trial.nct_id for item in self.trials}


def _tier_key(result: TreatmentResult) -> str:
    if result.tier == "hypothesis":
        return "related"
    if result.status in APPROVED:
        return "approved"
    if result.status == ApprovalStatus.INVESTIGATIONAL or any(t.is_open for t in result.trials):
        return "trials"
    return "related"


def _open_studies(studied: tuple[StudiedTherapy, ...]) -> tuple[StudiedTherapy, ...]:
    # A family can only join an open study: closed ones (and medicines tested only in them) stay
    # on the condition page's "being studied" list, not in the report.
    kept = []
    for therapy in studied:
        trials = tuple(t for t in therapy.trials if t.is_open)
        if trials:
            kept.append(replace(therapy, trials=trials))
    return tuple(kept)


def case_report_build(*, facts: CaseFacts) -> CaseReport:
    """Search for the case and check each therapy and study against it (TreatmentQueryError)."""
    results = case_search(facts)
    suggested = () if results.conditions else results.ranked_conditions[:SUGGESTED_CONDITIONS]
    condition_ids = {c.id for c in results.conditions} | {s.condition.id for s in suggested}
    fits = therapy_fits(facts=facts, results=results, condition_ids=condition_ids)
    grouped: dict[str, list[TherapyItem]] = {key: [] for key, _, _ in TIERS}
    for result in results.results:
        grouped[_tier_key(result)].append(TherapyItem(result, fits[result.therapy_id]))
    tiers = tuple(TherapyTier(k, label, intro, tuple(grouped[k])) for k, label, intro in TIERS)
    nct_ids = {t.nct_id for r in results.results for t in r.trials}
    found = case_trials(
        facts=facts,
        condition_ids=condition_ids,
        therapy_ids={r.therapy_id for r in results.results},
        nct_ids=nct_ids,
    )
    items = [TrialItem(t, trial_questions(t)) for t in found]
    studied = _open_studies(results.studied)
    modalities = {r.modality for r in results.results}
    topics = guide_topics(
        facts=facts,
        has_trials=bool(items) or bool(grouped["trials"]) or bool(studied),
        has_antisense=Modality.ANTISENSE in modalities,
        has_repurposing=any(r.status == ApprovalStatus.APPROVED_OTHER for r in results.results),
    )
    report = CaseReport(
        facts=facts,
        made_at=timezone.now(),
        conditions=results.conditions,
        suggested=tuple(suggested),
        signs=results.phenotypes,
        gene_symbol=results.gene_symbol,
        variant_normalized=results.variant_normalized,
        notices=results.notices,
        tiers=tiers,
        studied=studied,
        trials=tuple(i for i in items if i.trial.fit.verdict != DOES_NOT_MATCH),
        trials_not_fitting=tuple(i for i in items if i.trial.fit.verdict == DOES_NOT_MATCH),
        guide_topics=topics,
        questions=(),
    )
    return _with_questions(report)


def _with_questions(report: CaseReport) -> CaseReport:
    return replace(report, questions=case_questions(report))


def sign_words(hpo_id: str) -> str:
    """The plain words for a sign from the list, or '' when it is not one of them."""
    sign = SIGNS_BY_ID.get(hpo_id)
    return sign.words if sign else ""
