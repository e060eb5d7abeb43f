"""Recruiting studies for a case: found by condition or therapy, checked against each study's limits."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from cases.facts import CaseFacts
from knowledge.models import ReviewStatus
from trials.eligibility import CANNOT_TELL, DOES_NOT_MATCH, MATCHES, TrialFit, trial_fit
from trials.models import OPEN_STATUSES, ClinicalTrial, TrialStatus

MAX_TRIALS = 200
VERDICT_ORDER = {MATCHES: 0, CANNOT_TELL: 1, DOES_NOT_MATCH: 2}


@dataclass(frozen=True)
class CaseTrial:
    """One open study, with how it fits the case and whom to contact."""

    nct_id: str
    title: str
    status_label: str
    phases: tuple[str, ...]
    url: str
    fit: TrialFit
    contacts: tuple[dict, ...]
    why: str  # how the study was found: the condition or the therapy
    retrieved_on: datetime.date | None
    last_update_date: datetime.date | None


def case_trials(
    *, facts: CaseFacts, condition_ids: set[int], therapy_ids: set[int], nct_ids: set[str]
) -> list[CaseTrial]:
    """Open studies linked to the case's conditions or therapies, best fit and nearest first."""
    reach = Q(links__condition_id__in=condition_ids) | Q(links__therapy_id__in=therapy_ids)
    linked = ClinicalTrial.objects.filter(reach).exclude(links__review_status=ReviewStatus.REJECTED)
    trials = (
        ClinicalTrial.objects.filter(Q(id__in=linked.values("id")) | Q(nct_id__in=nct_ids))
        .filter(status__in=OPEN_STATUSES)
        .prefetch_related("links__condition", "links__therapy")
        .order_by("nct_id")[:MAX_TRIALS]
    )
    found = [_case_trial(t, facts, condition_ids, therapy_ids) for t in trials]
    far = float("inf")
    return sorted(
        found,
        key=lambda t: (
            VERDICT_ORDER[t.fit.verdict],
            not t.fit.in_your_country,
            far if t.fit.nearest_km is None else t.fit.nearest_km,
            t.status_label != TrialStatus.RECRUITING.label,
            t.nct_id,
        ),
    )


def _why(trial: ClinicalTrial, condition_ids: set[int], therapy_ids: set[int]) -> str:
    for link in trial.links.all():
        if link.review_status == ReviewStatus.REJECTED:
            continue
        if link.condition_id in condition_ids and link.condition:
            return f"Studies {link.condition.name}."
        if link.therapy_id in therapy_ids and link.therapy:
            return f"Tests {link.therapy.name}."
    return "Named by a treatment in this report."


def _case_trial(
    trial: ClinicalTrial, facts: CaseFacts, condition_ids: set[int], therapy_ids: set[int]
) -> CaseTrial:
    fit = trial_fit(
        eligibility=trial.eligibility or {},
        locations=trial.locations or [],
        trial_open=trial.is_open,
        age_months=facts.age_months,
        sex=facts.sex or None,
        country=facts.country or None,
    )
    return CaseTrial(
        nct_id=trial.nct_id,
        title=trial.title,
        status_label=TrialStatus(trial.status).label,
        phases=tuple(trial.phases),
        url=trial.source_url or f"https://clinicaltrials.gov/study/{trial.nct_id}",
        fit=fit,
        contacts=tuple(c for c in trial.contacts or [] if isinstance(c, dict))[:2],
        why=_why(trial, condition_ids, therapy_ids),
        retrieved_on=trial.retrieved_at.date() if trial.retrieved_at else None,
        last_update_date=trial.last_update_date,
    )


def trial_questions(trial: CaseTrial) -> tuple[str, ...]:
    """What to ask the study team, from how the study fits."""
    asks = ["Is my child a good fit for this study? What would joining involve?"]
    if "age" in trial.fit.missing or "sex" in trial.fit.missing:
        asks.append("What are the age and other limits to join?")
    if not trial.fit.in_your_country and trial.fit.sites:
        asks.append("Is there a site closer to us, and is help with travel offered?")
    asks.append("Could joining stop my child from getting other treatments?")
    return tuple(asks)
