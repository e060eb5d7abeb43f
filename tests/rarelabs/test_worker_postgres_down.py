"""A real Celery worker with its PostgreSQL stopped for real: the jobs queued at start and the
periodic refreshes wait for it (retried with back-off, one log line per retry), then finish."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cases.tasks import cases_alerts_send_task, cases_expired_delete_task
from ingest.tasks import condition_refresh_task, references_fetch_task
from knowledge.models import Condition
from knowledge.tasks import summary_reviews_sync_task
from literature.tasks import literature_refresh_due_task
from rarelabs import embedded
from search.tasks import search_reindex_task
from tests._shared import REPO
from tests.conftest import TEST_QUEUE
from tests.factories.knowledge import ConditionFactory
from tests.ingest.refresh_server import make_condition, reset_breakers, serve_pages, serve_pubmed
from tests.rarelabs.webserver import private_database_copy, stop_private_postgres
from trials.tasks import trials_refresh_due_task


@dataclass(frozen=True)
class Worker:
    var_dir: Path  # its private PostgreSQL's
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text()


@pytest.fixture
def worker(
    request: pytest.FixtureRequest,
    celery_worker_factory: Callable[..., subprocess.Popen[bytes]],
    private_var: Path,
    private_seed_var: Path,
    httpserver: HTTPServer,
) -> Iterator[Worker]:
    """A worker on a private copy of the test database, to stop without disturbing the server
    other tests share; CT.gov and PubMed are recorded answers from a local server."""
    ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")
    if getattr(request, "param", None) == "to refresh":
        make_condition()  # Phelan-McDermid syndrome, with curated references
    base = httpserver.url_for("").rstrip("/")
    reset_breakers(base)
    httpserver.expect_request("/api/v2/studies").respond_with_handler(serve_pages)
    serve_pubmed(httpserver)
    url = private_database_copy(private_var, private_seed_var)
    try:
        celery_worker_factory({"DATABASE_URL": url, "RARELABS_DB_NAME": url.rsplit("/", 1)[1],
                               "CTGOV_API_URL": f"{base}/api/v2",
                               "PUBMED_EUTILS_URL": f"{base}/eutils",
                               "PUBMED_EMAIL": "tests@example.org"})  # fmt: skip
        yield Worker(private_var, REPO / "var" / f"test-worker-{TEST_QUEUE}.log")
    finally:
        stop_private_postgres(private_var)


def test_jobs_queued_while_postgres_is_down_finish_once_it_is_back(worker: Worker) -> None:
    """Was: each failed at once on the database error, for good (no retry)."""
    condition = Condition.objects.get(slug="dravet-syndrome")
    embedded.stop_postgres(worker.var_dir)
    results = [task.delay() for task in (summary_reviews_sync_task, trials_refresh_due_task,
                                         literature_refresh_due_task)]  # fmt: skip
    # Was: the reindex spent its jittered retries in the outage's first seconds, and failed.
    results.append(search_reindex_task.delay("condition", [condition.pk]))
    deadline = time.monotonic() + 30
    while not all(f"[{result.id}] retry: Retry in 5s" in worker.log() for result in results):
        assert time.monotonic() < deadline, worker.log()[-3000:]
        time.sleep(0.3)
    embedded.ensure_postgres(worker.var_dir)
    summary, trials, literature, indexed = (result.get(timeout=60) for result in results)
    # Ran to the end on the database (the one condition has nothing to summarise or refresh).
    assert summary == {"queued": 0, "requeued": 0, "changed": 0}
    assert (trials, literature) == ([], [])
    assert indexed == 1
    # The worker logs "succeeded" just after it stores the result: wait for the line too.
    deadline = time.monotonic() + 15
    while not all(f"[{result.id}] succeeded" in worker.log() for result in results):
        assert time.monotonic() < deadline, worker.log()[-3000:]
        time.sleep(0.2)
    log = worker.log()
    for result in results:
        lines = [line for line in log.splitlines() if f"[{result.id}]" in line]
        retries = [line for line in lines if "retry: Retry in" in line]
        assert 1 <= len(retries) <= 2, lines  # 5 s, then 10 s: PostgreSQL starts within them
        assert "succeeded" in lines[-1], lines
    assert "Traceback" not in log


def _wait_for_lines(worker: Worker, results: list, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not all(f"[{result.id}] {text}" in worker.log() for result in results):
        assert time.monotonic() < deadline, worker.log()[-3000:]
        time.sleep(0.3)


@pytest.mark.parametrize("worker", ["to refresh"], indirect=True)
def test_refreshes_and_case_jobs_queued_while_postgres_is_down_finish_once_it_is_back(
    worker: Worker,
) -> None:
    """Was: the condition refresh and references fetch an editor queues retried only an
    upstream's errors, and the saved-case jobs nothing: each failed at once, for good."""
    condition = Condition.objects.get(name="Phelan-McDermid syndrome")
    embedded.stop_postgres(worker.var_dir)
    results = [
        condition_refresh_task.delay(condition.pk),
        references_fetch_task.delay(pmids=["35196497"], nct_ids=["NCT02710084"]),
        cases_alerts_send_task.delay(),
        cases_expired_delete_task.delay(),
    ]
    _wait_for_lines(worker, results, "retry: Retry in 5s", timeout=30)
    embedded.ensure_postgres(worker.var_dir)
    refreshed, fetched, alerts, expired = (result.get(timeout=90) for result in results)
    assert (len(refreshed), len(fetched), alerts, expired) == (2, 2, 0, 0)
    _wait_for_lines(worker, results, "succeeded", timeout=15)
    log = worker.log()
    # Every run ended ok, and wrote the recorded records to the database that was down.
    scope = f"condition:{condition.pk}"
    assert f"trials_refresh {scope} full ok" in log, log[-3000:]
    assert f"literature_refresh {scope} full ok" in log, log[-3000:]
    assert "trials_fetch references by_id ok" in log, log[-3000:]
    assert "literature_fetch references by_id ok" in log, log[-3000:]
    assert "created=10" in log  # the two recorded CT.gov pages
    for result in results:
        lines = [line for line in log.splitlines() if f"[{result.id}]" in line]
        assert 1 <= len([line for line in lines if "retry: Retry in" in line]) <= 2, lines
        assert "succeeded" in lines[-1], lines
    assert "Traceback" not in log


@pytest.mark.parametrize("worker", ["to refresh"], indirect=True)
def test_a_refresh_cut_short_by_a_stop_starts_again_and_stores_everything(
    worker: Worker, httpserver: HTTPServer
) -> None:
    """PostgreSQL stops while the refresh waits for CT.gov's first page: the run it started
    is closed as interrupted by the retry, which stores every record (was: failed for good)."""
    asked, answer = threading.Event(), threading.Event()

    def first_page_held(request: Request) -> Response:
        if not asked.is_set():
            asked.set()
            answer.wait(timeout=60)
        return serve_pages(request)

    httpserver.clear()
    httpserver.expect_request("/api/v2/studies").respond_with_handler(first_page_held)
    serve_pubmed(httpserver)
    condition = Condition.objects.get(name="Phelan-McDermid syndrome")
    result = condition_refresh_task.delay(condition.pk)
    assert asked.wait(timeout=60), worker.log()[-3000:]  # the run is started, the lock held
    embedded.stop_postgres(worker.var_dir)
    answer.set()
    _wait_for_lines(worker, [result], "retry: Retry in 5s", timeout=30)
    embedded.ensure_postgres(worker.var_dir)
    assert len(result.get(timeout=90)) == 2
    _wait_for_lines(worker, [result], "succeeded", timeout=15)
    log = worker.log()
    scope = f"condition:{condition.pk}"
    assert f"trials_refresh {scope}: marked interrupted" in log, log[-3000:]
    trials_lines = [line for line in log.splitlines() if f"trials_refresh {scope} full" in line]
    assert len(trials_lines) == 1, trials_lines  # the cut run never finished as anything
    assert " ok " in trials_lines[0], trials_lines
    assert "created=10" in trials_lines[0], trials_lines


def test_every_task_of_the_site_waits_out_the_database_but_the_health_probe() -> None:
    """A new task must choose: wait out a restart (DATABASE_RETRY) or be a probe that reports it."""
    from rarelabs.celery import app
    from rarelabs.task_retry import DatabaseRetryTask

    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    waiting = {name for name, task in ours.items() if isinstance(task, DatabaseRetryTask)}
    assert set(ours) - waiting == {"rarelabs.tasks.health_ping_task"}
    assert "ingest.tasks.condition_refresh_task" in waiting
