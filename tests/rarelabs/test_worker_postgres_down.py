"""A real Celery worker with its PostgreSQL stopped for real: the jobs queued at start and the
periodic refreshes wait for it (retried with back-off, one log line per retry), then finish."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge.models import Condition
from knowledge.tasks import summary_reviews_sync_task
from literature.tasks import literature_refresh_due_task
from rarelabs import embedded
from search.tasks import search_reindex_task
from tests._shared import REPO
from tests.conftest import TEST_QUEUE
from tests.factories.knowledge import ConditionFactory
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
    celery_worker_factory: Callable[..., subprocess.Popen[bytes]], private_var: Path
) -> Iterator[Worker]:
    """A worker on a private copy of the test database, to stop without disturbing the server
    other tests share."""
    ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")
    url = private_database_copy(private_var)
    try:
        celery_worker_factory({"DATABASE_URL": url, "RARELABS_DB_NAME": url.rsplit("/", 1)[1]})
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
