"""Reads of clinical trials: their pages, the home page, and the therapies being studied.

The therapies being studied for a condition come from its linked trials' interventions: each
drug, biological and genetic intervention becomes a candidate, one per active ingredient (the
best phase and the liveliest status first). Placebo, sham and usual-care arms, procedures,
devices and behavioural interventions are left out. When a record gives no intervention type
(a `fields=` list page), only trials with a drug phase count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from knowledge.models import ReviewStatus
from knowledge.therapy_names import ingredient_key
from trials.models import OPEN_STATUSES, ClinicalTrial, TrialLink, TrialStatus

THERAPY_TYPES = frozenset({"DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT"})
DRUG_PHASES = frozenset({"EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4"})
LEFT_OUT_STATUSES = (TrialStatus.WITHDRAWN, TrialStatus.WITHHELD)
MAX_TRIALS_READ = 300
_NOT_A_THERAPY = re.compile(
    r"\b(placebo|sham|vehicle|saline|dummy|usual care|standard of care|standard care|"
    r"best supportive care|no (?:treatment|intervention)|observation|questionnaire)s?\b",
    re.IGNORECASE,
)
_PHASE_WORDS = {
    "EARLY_PHASE1": "Early phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
}


def trial_get_page(*, nct_id: str) -> ClinicalTrial | None:
    """A trial with its reviewed and automatic links to conditions, genes and therapies."""
    return (
        ClinicalTrial.objects.filter(nct_id=nct_id.upper())
        .prefetch_related(
            Prefetch(
                "links",
                queryset=TrialLink.objects.exclude(
                    review_status=ReviewStatus.REJECTED
                ).select_related("condition", "gene", "therapy"),
            )
        )
        .first()
    )


def trial_list_recruiting(*, limit: int = 5) -> list[ClinicalTrial]:
    """The most recently updated recruiting trials linked to a condition."""
    return list(
        ClinicalTrial.objects.filter(status__in=OPEN_STATUSES, links__condition__isnull=False)
        .exclude(links__review_status=ReviewStatus.REJECTED)
        .distinct()
        .only("nct_id", "title", "status", "phases", "countries", "last_update_date")
        .order_by("-last_update_date", "nct_id")[:limit]
    )


@dataclass(frozen=True)
class TrialRef:
    nct_id: str
    title: str
    status: str
    status_label: str
    phase_label: str
    is_open: bool
    url: str


@dataclass(frozen=True)
class StudiedTherapy:
    """A therapy under study for the condition: its name as trials write it, and the trials."""

    name: str
    key: str
    phase_label: str
    phase_rank: int
    status_label: str
    is_open: bool
    trials: tuple[TrialRef, ...]


def _phase_rank(phases: Iterable[str]) -> int:
    return max((list(_PHASE_WORDS).index(p) + 1 for p in phases if p in _PHASE_WORDS), default=0)


def phase_words(phases: Iterable[str]) -> str:
    """['PHASE1', 'PHASE2'] -> 'Phase 1/2'; no drug phase -> 'Phase not given'."""
    words = [_PHASE_WORDS[p] for p in phases if p in _PHASE_WORDS]
    if not words:
        return "Phase not given"
    return words[0] + "".join("/" + w.removeprefix("Phase ") for w in words[1:])


def _is_therapy(item: dict, trial: ClinicalTrial) -> bool:
    name = str(item.get("name") or "").strip()
    if not name or _NOT_A_THERAPY.search(name):
        return False
    kind = item.get("type")
    if kind:
        return str(kind).upper() in THERAPY_TYPES
    return bool(set(trial.phases) & DRUG_PHASES)


def _trial_ref(trial: ClinicalTrial) -> TrialRef:
    status_label = TrialStatus(trial.status).label if trial.status in TrialStatus.values else ""
    return TrialRef(
        nct_id=trial.nct_id,
        title=trial.title,
        status=trial.status,
        status_label=status_label,
        phase_label=phase_words(trial.phases),
        is_open=trial.status in OPEN_STATUSES,
        url=trial.get_absolute_url(),
    )


def _trial_order(trial: ClinicalTrial) -> tuple:
    updated = trial.last_update_date.toordinal() if trial.last_update_date else 0
    return (trial.status not in OPEN_STATUSES, -_phase_rank(trial.phases), -updated, trial.nct_id)


def studied_therapy_list(
    *, condition_ids: Iterable[int], known_keys: Iterable[str] = (), limit: int = 20
) -> list[StudiedTherapy]:
    """Therapies in the conditions' linked trials, one per ingredient, minus ``known_keys``.

    ``known_keys`` are the ingredient keys of therapies already listed (approved ones): those
    are shown once, in the higher tier.
    """
    trials = list(
        ClinicalTrial.objects.filter(
            pk__in=TrialLink.objects.filter(condition_id__in=list(condition_ids))
            .exclude(review_status=ReviewStatus.REJECTED)
            .values("trial_id")
        )
        .exclude(status__in=LEFT_OUT_STATUSES)
        .only("nct_id", "title", "status", "phases", "interventions", "last_update_date")
        .order_by("-last_update_date", "nct_id")[:MAX_TRIALS_READ]
    )
    skip = set(known_keys)
    found: dict[str, tuple[str, list[ClinicalTrial]]] = {}
    for trial in sorted(trials, key=_trial_order):
        for item in trial.interventions if isinstance(trial.interventions, list) else []:
            if not isinstance(item, dict) or not _is_therapy(item, trial):
                continue
            name = " ".join(str(item["name"]).split())[:200]
            key = ingredient_key(name)
            if key in skip:
                continue
            entry = found.setdefault(key, (name, []))
            if trial not in entry[1]:
                entry[1].append(trial)
    studied = []
    for key, (name, rows) in found.items():
        best = rows[0]  # rows follow _trial_order: open and later phase first
        studied.append(
            StudiedTherapy(
                name=name,
                key=key,
                phase_label=phase_words(best.phases),
                phase_rank=_phase_rank(best.phases),
                status_label=_trial_ref(best).status_label,
                is_open=best.status in OPEN_STATUSES,
                trials=tuple(_trial_ref(t) for t in rows[:5]),
            )
        )
    studied.sort(key=lambda s: (not s.is_open, -s.phase_rank, s.name.casefold()))
    return studied[:limit]
