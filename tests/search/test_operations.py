"""Indexing on save (real worker), fallback when OpenSearch is down, status, the command."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command

from knowledge.models import Condition
from search.indexer import index_objects, rebuild, suspend_signals
from search.models import SearchEntry
from search.query import run_search
from search.request import SearchRequest
from search.status import search_status
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory

POSTGRES = "search.backends.postgres.backend.PostgresBackend"
OPENSEARCH = "search.backends.opensearch.backend.OpenSearchBackend"
DEAD_NODE = "http://127.0.0.1:9"  # the discard port: nothing answers there


@pytest.mark.django_db
def test_opensearch_unreachable_falls_back_to_postgres_and_health_is_degraded(
    settings, client
) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    ConditionFactory(primary_id="ORPHA:586", name="Cystic fibrosis", slug="cystic-fibrosis")
    rebuild(progress=False)
    settings.SEARCH_BACKEND = OPENSEARCH
    settings.OPENSEARCH_URL = DEAD_NODE
    response = run_search(SearchRequest(query="cystic fibrosis"))
    assert response.degraded is True
    assert response.backend == "postgres"
    assert response.hits[0].id == "ORPHA:586"
    assert search_status().state == "degraded"
    health = client.get("/healthz").json()
    assert health["checks"]["search"]["state"] == "degraded"


@pytest.mark.django_db
def test_saving_with_opensearch_down_never_fails_and_postgres_stays_current(settings) -> None:
    settings.SEARCH_BACKEND = OPENSEARCH
    settings.OPENSEARCH_URL = DEAD_NODE
    with suspend_signals():
        condition = ConditionFactory(
            primary_id="ORPHA:95", name="Friedreich ataxia", slug="friedreich-ataxia"
        )
    assert index_objects("condition", [condition.pk]) == 1
    assert SearchEntry.objects.filter(curie="ORPHA:95").exists()


@pytest.mark.django_db
def test_status_is_ok_on_postgres(settings) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    assert search_status().state == "ok"


@pytest.mark.django_db
def test_search_index_command_rebuilds_and_reports(settings) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    ConditionFactory(
        primary_id="ORPHA:739", name="Prader-Willi syndrome", slug="prader-willi-syndrome"
    )
    out = StringIO()
    call_command("search_index", "rebuild", "--doc-type", "condition", "--no-progress", stdout=out)
    assert "postgres: 1 documents" in out.getvalue()
    out = StringIO()
    call_command("search_index", "status", stdout=out)
    assert "condition 1" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_saved_synonym_reaches_the_index_through_a_real_worker(
    settings, celery_worker_process
) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    condition = ConditionFactory(
        primary_id="ORPHA:33069", name="Dravet syndrome", slug="dravet-syndrome"
    )
    # Orphanet ORPHA:33069 lists "Severe myoclonic epilepsy of infancy" as a synonym.
    ConditionSynonymFactory(
        condition=condition,
        text="Severe myoclonic epilepsy of infancy",
        source="Orphanet ORPHApackets 2025-12",
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        hits = run_search(SearchRequest(query="myoclonic epilepsy of infancy")).hits
        if hits and hits[0].id == "ORPHA:33069":
            break
        time.sleep(0.3)
    else:
        pytest.fail("the worker never indexed the synonym")
    Condition.objects.filter(pk=condition.pk).delete()
    deadline = time.monotonic() + 30
    while SearchEntry.objects.filter(curie="ORPHA:33069").exists():
        assert time.monotonic() < deadline, "the worker never removed the deleted condition"
        time.sleep(0.3)
