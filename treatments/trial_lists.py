"""The trials a treatment search shows: each ranked therapy's trials, and the open trials of
the conditions searched for (moved out of `treatments/selectors.py`, issue 14 item 10)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from identifiers.urls import ctgov_study_url
from knowledge.models import ReviewStatus
from treatments.query import TreatmentQuery, TrialSummary
from treatments.ranking import RankedLink
from trials.models import OPEN_STATUSES, ClinicalTrial, TrialLink, TrialStatus

CONDITION_TRIALS = 10


# What a trial summary, the filters and the order read: a trial row also holds its sites,
# contacts and eligibility as JSON (kilobytes each), which these pages never show.
_TRIAL_SUMMARY_FIELDS = ("nct_id", "title", "status", "phases", "countries", "last_update_date")


def _trial_summary(trial: ClinicalTrial) -> TrialSummary:
    return TrialSummary(
        nct_id=trial.nct_id,
        title=trial.title,
        status=trial.status,
        status_label=TrialStatus(trial.status).label if trial.status in TrialStatus.values else "",
        phases=tuple(trial.phases),
        countries=tuple(trial.countries),
        is_open=trial.status in OPEN_STATUSES,
        url=ctgov_study_url(trial.nct_id),
    )


def _trial_sort_key(trial: ClinicalTrial) -> tuple:
    phase = max((p for p in trial.phases if p[-1:].isdigit()), default="0")
    return (
        trial.status != TrialStatus.RECRUITING,
        trial.status not in OPEN_STATUSES,
        -int(phase[-1]),
        -(trial.last_update_date.toordinal() if trial.last_update_date else 0),
        trial.nct_id,
    )


def _trial_passes(trial: ClinicalTrial, query: TreatmentQuery) -> bool:
    filters = query.filters
    if filters.trial_status and trial.status not in filters.trial_status:
        return False
    if filters.trial_phase and not set(filters.trial_phase) & set(trial.phases):
        return False
    country = filters.country.strip().lower()
    return not country or country in {c.lower() for c in trial.countries}


def trials_by_therapy(ranked: list[RankedLink], query: TreatmentQuery) -> dict[int, list]:
    """The trials of each ranked therapy (by therapy id), as summaries in display order."""
    if not ranked:  # most searches (a condition with no treatment): two queries saved
        return {}
    therapy_ids = {r.link.therapy_id for r in ranked}
    nct_owner = {nct: r.link.therapy_id for r in ranked for nct in r.link.nct_ids}
    lookup = Q(links__therapy_id__in=therapy_ids) & ~Q(links__review_status=ReviewStatus.REJECTED)
    trials = (
        ClinicalTrial.objects.filter(lookup | Q(nct_id__in=list(nct_owner)))
        .only(*_TRIAL_SUMMARY_FIELDS)
        .distinct()
    )
    links = TrialLink.objects.filter(therapy_id__in=therapy_ids).exclude(
        review_status=ReviewStatus.REJECTED
    )
    owners: dict[int, set[int]] = defaultdict(set)
    for trial_id, therapy_id in links.values_list("trial_id", "therapy_id"):
        owners[trial_id].add(therapy_id)
    grouped: dict[int, list[ClinicalTrial]] = defaultdict(list)
    for trial in trials:
        if not _trial_passes(trial, query):
            continue
        for therapy_id in owners.get(trial.pk, set()) | (
            {nct_owner[trial.nct_id]} if trial.nct_id in nct_owner else set()
        ):
            grouped[therapy_id].append(trial)
    return {
        k: [_trial_summary(t) for t in sorted(v, key=_trial_sort_key)] for k, v in grouped.items()
    }


def condition_trials(condition_ids: set[int], query: TreatmentQuery) -> tuple[TrialSummary, ...]:
    """The conditions' open trials that pass the filters, best first."""
    trials = (
        ClinicalTrial.objects.filter(
            links__condition_id__in=condition_ids, status__in=OPEN_STATUSES
        )
        .exclude(links__review_status=ReviewStatus.REJECTED)
        .only(*_TRIAL_SUMMARY_FIELDS)
        .distinct()
    )
    kept = sorted((t for t in trials[:200] if _trial_passes(t, query)), key=_trial_sort_key)
    return tuple(_trial_summary(t) for t in kept[:CONDITION_TRIALS])


def visible_trial_links(condition_ids: set[int]) -> QuerySet:
    """Trial links of the conditions that an editor has not rejected."""
    return TrialLink.objects.filter(condition_id__in=condition_ids).exclude(
        review_status=ReviewStatus.REJECTED
    )
