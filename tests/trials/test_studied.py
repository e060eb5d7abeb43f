"""Therapies being studied, from the interventions of real recorded CT.gov studies."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Condition
from knowledge.models.common import LinkMethod
from trials.models import ClinicalTrial, TrialLink
from trials.parse import TrialRecord, iter_studies_page
from trials.refresh import trial_fields
from trials.selectors import phase_words, studied_therapy_list

PAGES = sorted((Path(__file__).parent / "fixtures").glob("studies_list_phelan_mcdermid_*.json"))


@pytest.fixture
def pms(db: None) -> Condition:
    """Phelan-McDermid syndrome with the ten recorded studies linked to it, as a refresh would."""
    condition = Condition.objects.create(
        name="Phelan-McDermid syndrome", slug="phelan-mcdermid-syndrome", primary_id="ORPHA:48652"
    )
    now = timezone.now()
    for page in PAGES:
        with page.open("rb") as stream:
            for record in iter_studies_page(stream):
                assert isinstance(record, TrialRecord)
                trial = ClinicalTrial.objects.create(
                    nct_id=record.nct_id, **trial_fields(record, now)
                )
                TrialLink.objects.create(
                    trial=trial, condition=condition, method=LinkMethod.NAME_MATCH,
                    matched_text="Phelan-McDermid syndrome",
                )  # fmt: skip
    return condition


def test_drug_trials_give_one_candidate_per_medicine_without_placebo(pms: Condition) -> None:
    """NNZ-2591 (two studies) is one candidate; saline, placebo and non-drug studies are out."""
    studied = studied_therapy_list(condition_ids=[pms.pk])
    names = [s.name for s in studied]
    assert names[0] == "NNZ-2591"  # recruiting, phase 3: first
    nnz = studied[0]
    assert (nnz.phase_label, nnz.status_label, nnz.is_open) == ("Phase 3", "Recruiting", True)
    assert {t.nct_id for t in nnz.trials} == {"NCT07281079", "NCT05025241"}
    assert {"Oxytocin", "AMO-01", "RB001"} <= set(names)
    lowered = {n.casefold() for n in names}
    assert not lowered & {"saline", "normal saline", "placebo"}
    # Phase "NA" studies of a mutation or a parenting programme are not medicines.
    assert not {"shank3 mutation", "parent-infant inter(x)action intervention (pixi)"} & lowered


def test_a_therapy_already_listed_is_not_repeated(pms: Condition) -> None:
    """Known ingredient keys (approved therapies) are left to their higher tier."""
    studied = studied_therapy_list(condition_ids=[pms.pk], known_keys={"oxytocin"})
    assert "Oxytocin" not in [s.name for s in studied]


def test_phase_words() -> None:
    """CT.gov phase codes in words."""
    assert phase_words(["PHASE1", "PHASE2"]) == "Phase 1/2"
    assert phase_words(["NA"]) == "Phase not given"


def test_condition_page_shows_trial_medicines_as_being_studied(
    pms: Condition, client: Client
) -> None:
    """The page lists NNZ-2591 under 'Being studied', with phase, status and trial link."""
    html = client.get(pms.get_absolute_url()).content.decode()
    studied = html[
        html.index('id="studied-title"') : html.index(
            "</section>", html.index('id="studied-title"')
        )
    ]
    assert "NNZ-2591" in studied
    assert "Phase 3" in studied
    assert "/trials/NCT07281079/" in studied
    assert "not approved" in studied
    assert "Saline" not in studied
    assert "No approved treatment is known to us yet" in html


def test_treatment_search_shows_trial_medicines_below_approved_ones(
    pms: Condition, client: Client
) -> None:
    """A treatment search for the condition labels trial medicines as not approved."""
    html = client.get(
        reverse("treatments:search"), {"condition": "Phelan-McDermid syndrome"}
    ).content.decode()
    assert "Being studied in trials (not approved for these conditions)" in html
    assert "NNZ-2591" in html
    assert html.index("No approved treatment is known to us yet") < html.index("NNZ-2591")


def test_treatment_api_lists_trial_medicines_apart_from_results(
    pms: Condition, client: Client
) -> None:
    """The API's 'studied' list carries the same candidates, with phase, status and trials."""
    data = client.get("/api/v1/treatments/", {"condition": "Phelan-McDermid syndrome"}).json()
    assert data["results"] == []
    first = data["studied"][0]
    assert (first["name"], first["phase_label"], first["is_open"]) == ("NNZ-2591", "Phase 3", True)
    assert {t["nct_id"] for t in first["trials"]} == {"NCT07281079", "NCT05025241"}
