"""A study's title pasted whole, as ClinicalTrials.gov prints it: the condition it names comes
first, and the signs among its words are not read as a family's description (API, every
backend)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests._shared import client_from_fresh_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_from_fresh_address()


@pytest.mark.parametrize(
    "query",
    [
        "Hypotonia and Developmental Delay in Infants With Prader-Willi Syndrome: A Natural "
        "History Study",
        "low muscle tone and developmental delay study in infants with prader-willi syndrome "
        "- ClinicalTrials.gov",
    ],
)
def test_a_study_title_naming_signs_is_not_read_as_a_description(
    client: Client, query: str
) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["described"] is None
    assert body["results"][0]["id"] == "ORPHA:739"


@pytest.mark.parametrize(
    ("query", "condition"),
    [
        # The drug studied comes after its condition.
        ("A Study of Risdiplam in Participants With Proximal Spinal Muscular Atrophy", "ORPHA:70"),
        ("A Randomized, Placebo-Controlled Study of Eteplirsen in Boys With Duchenne Muscular "
         "Dystrophy", "ORPHA:98896"),
        # A numbered name without "type" before its number.
        ("A Phase 3 Study of Nusinersen in Infants With Proximal Spinal Muscular Atrophy 1",
         "ORPHA:83330"),
    ],
)  # fmt: skip
def test_a_study_title_finds_the_condition_it_names_first(
    client: Client, query: str, condition: str
) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["results"][0]["id"] == condition


@pytest.mark.parametrize(
    "query",
    [
        # As NCT05317416's "Study With Elranatamab Versus Lenalidomide in Patients With Newly
        # Diagnosed Multiple Myeloma After Transplant", with the contract data's drugs.
        "Study With Risdiplam Versus Nusinersen in Infants With Newly Diagnosed Proximal Spinal "
        "Muscular Atrophy After Newborn Screening",
        # As NCT06388564's "... of Axatilimab in Combination With Ruxolitinib in Participants
        # With Newly Diagnosed Chronic Graft-Versus-Host Disease".
        "A Study to Evaluate the Safety and Efficacy of Risdiplam in Combination With Nusinersen "
        "in Participants With Proximal Spinal Muscular Atrophy Who Have Completed Treatment",
    ],
)
def test_a_study_title_finds_its_condition_before_the_drugs_it_compares(
    client: Client, query: str
) -> None:
    # Was: the drug after "Study With" or "in Combination With" first; the name, followed by
    # who takes part, was no name.
    ids = [hit["id"] for hit in client.get("/api/v1/search/", {"q": query}).json()["results"]]
    assert ids[0] == "ORPHA:70"
    assert {"risdiplam", "nusinersen"} & set(ids[1:4])
