"""The /search page comes from the page cache for anonymous readers, and never goes stale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from celery.signals import after_task_publish
from django.test import Client

from search.indexer import rebuild
from search.query import run_search
from search.request import SearchRequest
from search.tasks import search_reindex_task
from tests.factories.knowledge import ConditionFactory

POSTGRES = "search.backends.postgres.backend.PostgresBackend"
# Far above a loaded machine's reindex (seconds), far below the cached page's life (600 s).
WORKER_BOUND_SECONDS = 180


@pytest.fixture
def cystic_fibrosis(settings, db: None):
    settings.SEARCH_BACKEND = POSTGRES
    settings.OPENSEARCH_URL = ""
    # Orphanet ORPHA:586 (real name and id; see tests/search/contract/data.py).
    condition = ConditionFactory(
        primary_id="ORPHA:586",
        name="Cystic fibrosis",
        slug="cystic-fibrosis",
        definition="A disease with thick, sticky mucus in the lungs.",
    )
    rebuild(progress=False)
    return condition


def test_a_repeated_search_is_served_without_queries(
    client: Client, cystic_fibrosis, django_assert_num_queries
) -> None:
    """Was: every /search?q= ran the full-text query again."""
    first = client.get("/search", {"q": "sticky mucus"})
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/search", {"q": "sticky mucus"})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "Cystic fibrosis" in again.content.decode()


def test_every_parameter_the_page_reads_makes_its_own_page(client: Client, cystic_fibrosis) -> None:
    client.get("/search", {"q": "sticky mucus"})
    assert client.get("/search", {"q": "sticky mucus", "ref": "x"})["X-Page-Cache"] == "hit"
    gene_only = client.get("/search", {"q": "sticky mucus", "type": "gene"})
    assert gene_only["X-Page-Cache"] == "miss"
    assert "ORPHA:586" not in gene_only.content.decode()
    long_a = "sticky mucus " + "a" * 100
    client.get("/search", {"q": long_a + "1"})
    assert client.get("/search", {"q": long_a + "2"})["X-Page-Cache"] == "miss"


def test_signed_in_users_and_bad_input_are_never_cached(
    client: Client, admin_client: Client, cystic_fibrosis
) -> None:
    for _ in range(2):
        assert "X-Page-Cache" not in admin_client.get("/search", {"q": "sticky mucus"})
        bad = client.get("/search", {"q": "mucus", "page": "x"})
        assert bad.status_code == 400
        assert "X-Page-Cache" not in bad


@pytest.fixture
def published_reindexes() -> Iterator[list[str]]:
    """The ids of the reindex tasks this test's saves send to the worker, as sent."""
    ids: list[str] = []

    def record(sender: str | None = None, headers: dict | None = None, **_: object) -> None:
        if sender == search_reindex_task.name and headers:
            ids.append(headers["id"])

    after_task_publish.connect(record, weak=False)
    yield ids
    after_task_publish.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_an_editors_rename_shows_once_the_worker_has_indexed_it(
    client: Client, settings, celery_worker_process, published_reindexes: list[str]
) -> None:
    """A page rendered between the save and the worker's reindex must not outlive the reindex.

    Waits for the reindex task itself to end, not for the rename to reach the index: the worker
    writes PostgreSQL first, then every other engine its environment names (OpenSearch when a
    run sets OPENSEARCH_URL), and only then drops the cached pages, so under load the rename
    was searchable seconds before the page cache learnt of it and the page was read too early.
    """
    settings.SEARCH_BACKEND = POSTGRES
    settings.OPENSEARCH_URL = ""
    condition = ConditionFactory(
        primary_id="ORPHA:586", name="Cystic fibrosis", slug="cystic-fibrosis",
        definition="A disease with thick, sticky mucus in the lungs.",
    )  # fmt: skip
    rebuild(progress=False)
    assert "Cystic fibrosis" in client.get("/search", {"q": "sticky mucus"}).content.decode()
    published_reindexes.clear()
    condition.name = "Mucoviscidosis"
    condition.save()  # committed: the worker reindexes it
    client.get("/search", {"q": "sticky mucus"})  # may cache the old index under the new save
    assert published_reindexes, "the save sent no reindex"
    for task_id in published_reindexes:
        # A bound on a broken worker only: the task's end, not a time, decides when to look.
        search_reindex_task.AsyncResult(task_id).get(timeout=WORKER_BOUND_SECONDS)
    assert run_search(SearchRequest(query="sticky mucus")).hits[0].name == "Mucoviscidosis"
    assert "Mucoviscidosis" in client.get("/search", {"q": "sticky mucus"}).content.decode()
