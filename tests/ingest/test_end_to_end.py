"""A real Celery worker on the real Redis broker refreshes one condition from a local server."""

from __future__ import annotations

import time
from collections.abc import Callable

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

    # The refresh queues the search task on commit (the one reindex path): the same worker runs it.
    assert _eventually(lambda: "NCT02710084" in _hit_ids("intranasal oxytocin", "trial"))
    assert _eventually(
        lambda: _hit_ids("SENP2 browning", "publication") & {"35196497", "PMID:35196497"}
    )


def _hit_ids(query: str, doc_type: str) -> set[str]:
    from search.query import run_search
    from search.request import SearchRequest

    return {hit.id for hit in run_search(SearchRequest(query=query, doc_types=(doc_type,))).hits}


def _eventually(check: Callable[[], object], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
