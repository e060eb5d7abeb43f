"""A treatment search's cold render runs only the queries its results need (issue 14 item 10,
third pass): most searches name a condition with no treatment and no trial."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import ConditionFactory
from tests.factories.records import ClinicalTrialFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    page_cache_invalidate()


def test_a_condition_without_treatments_or_trials_costs_four_queries(
    client: Client, django_assert_num_queries
) -> None:
    """5 before: two trial queries for conditions that have no trial link (now one probe);
    the empty result list's trial and PubMed queries are no longer even built."""
    ConditionFactory(name="Testing lonely syndrome", primary_id="ORPHA:990001")
    with django_assert_num_queries(4):  # the condition, its types, its links, the trial probe
        response = client.get("/treatments", {"condition": "Testing lonely syndrome"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Testing lonely syndrome" in html


def test_the_trials_of_a_condition_with_a_trial_link_still_show(client: Client) -> None:
    condition = ConditionFactory(name="Testing trial syndrome", primary_id="ORPHA:990002")
    trial = ClinicalTrialFactory(title="A walking study in testing trial syndrome")
    TrialLink.objects.create(trial=trial, condition=condition, method="identifier")
    html = client.get("/treatments", {"condition": "Testing trial syndrome"}).content.decode()
    assert "A walking study in testing trial syndrome" in html


def test_the_condition_lookup_reads_only_what_the_page_shows(client: Client) -> None:
    """A condition row also holds its definition and summaries (kilobytes), which a treatment
    search never shows: the lookup by name reads its id, name, slug and primary id only."""
    ConditionFactory(name="Testing narrow syndrome", primary_id="ORPHA:990003")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/treatments", {"condition": "Testing narrow syndrome"}).content.decode()
    assert "Testing narrow syndrome" in html
    lookups = [q["sql"] for q in queries if 'FROM "knowledge_condition" WHERE UPPER(' in q["sql"]]
    assert len(lookups) == 1
    assert '"knowledge_condition"."primary_id"' in lookups[0]
    assert '"knowledge_condition"."definition"' not in lookups[0]
    assert '"knowledge_condition"."family_summary"' not in lookups[0]
