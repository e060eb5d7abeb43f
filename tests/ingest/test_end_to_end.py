"""A real Celery worker on the real Redis broker refreshes one condition from a local server."""

from __future__ import annotations

import pytest

from ingest.models import RefreshRun, RunStatus
from ingest.tasks import condition_refresh_task
from literature.models import Publication, PublicationLink
from tests.ingest.refresh_server import (
    make_condition,
    nct_ids,
    reset_breakers,
    serve_pages,
    serve_pubmed,
)
from trials.models import ClinicalTrial, TrialLink


@pytest.mark.django_db(transaction=True)
def test_worker_refreshes_a_condition_into_the_database_and_search(
    celery_worker_factory, httpserver
):
    base = httpserver.url_for("").rstrip("/")
    reset_breakers(base)
    httpserver.expect_request("/api/v2/studies").respond_with_handler(serve_pages)
    serve_pubmed(httpserver)
    condition = make_condition()
    celery_worker_factory(
        {
            "CTGOV_API_URL": f"{base}/api/v2",
            "PUBMED_EUTILS_URL": f"{base}/eutils",
            "PUBMED_EMAIL": "tests@example.org",
            "UPSTREAM_TIMEOUT_SECONDS": "5",
        }
    )

    run_ids = condition_refresh_task.delay(condition.pk).get(timeout=90)

    runs = RefreshRun.objects.filter(pk__in=run_ids).order_by("task")
    assert [(r.task, r.status, r.created) for r in runs] == [
        ("literature_refresh", RunStatus.OK, 8),
        ("trials_refresh", RunStatus.OK, 10),
    ]
    assert sorted(ClinicalTrial.objects.values_list("nct_id", flat=True)) == sorted(nct_ids())
    assert Publication.objects.count() == 8
    assert TrialLink.objects.filter(condition=condition).exists()
    assert PublicationLink.objects.filter(condition=condition).exists()

    from search.query import run_search
    from search.request import SearchRequest

    trials = run_search(SearchRequest(query="intranasal oxytocin", doc_types=("trial",)))
    assert "NCT02710084" in {hit.id for hit in trials.hits}
    papers = run_search(SearchRequest(query="SENP2 browning", doc_types=("publication",)))
    assert {hit.id for hit in papers.hits} & {"35196497", "PMID:35196497"}
