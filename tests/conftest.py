"""Fixtures shared by the whole suite: real PostgreSQL, Redis and Celery, nothing mocked."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import pytest_django
from django.conf import settings

from tests._shared import REPO, shared_data_dir

# One queue per test session, so parallel runs on one Redis never take each other's tasks.
TEST_QUEUE = f"test-{uuid.uuid4().hex[:10]}"


def pytest_configure(config: pytest.Config) -> None:
    # pytest is an entry point like manage.py: settings only describe the embedded servers.
    from rarelabs.startup import start_services

    start_services()
    settings.CELERY_TASK_DEFAULT_QUEUE = TEST_QUEUE
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from rarelabs.celery import app

    app.conf.task_default_queue = TEST_QUEUE


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that take the `shared_data` fixture (directly or through another fixture) are the
    ones that need the large files: mark them, so `make test` can leave them to `make test-data`."""
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared_data)
        item.add_marker(pytest.mark.xdist_group(_parallel_group(item)))


def _parallel_group(item: pytest.Item) -> str:
    """What one pytest-xdist worker runs as a whole (`--dist loadgroup`): the test's file, or the
    whole package when the test uses a package-scoped fixture. A package fixture (a knowledge
    base loaded once for the package) is torn down each time its worker leaves the package, so
    files of one package handed out one by one would load it again and again."""
    fixture_info = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        definitions = fixture_info.name2fixturedefs.get(name) if fixture_info else None
        if definitions and definitions[-1].scope == "package":
            return definitions[-1].baseid or item.nodeid.split("::")[0]
    return item.nodeid.split("::")[0]


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: pytest_django.DjangoDbBlocker
) -> None:
    """The test database as pytest-django makes it, with its tables' sizes kept honest for the
    planner: autovacuum off on them, and a VACUUM that records each as it is (empty).

    Tests insert rows they roll back. An autovacuum ANALYZE that ran while a test's rows were
    uncommitted stored "80 pages, 0 rows"; the planner then took every table for empty and
    joined the test's 2,400 HPO terms by nested loops (the describe tests' phrase table: 5-20 s
    a build, most of their time). A table recorded as empty is sized by its current pages."""
    from django.db import connection

    _refuse_the_real_database(connection.settings_dict["NAME"])
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        tables = [connection.ops.quote_name(t) for t in connection.introspection.table_names()]
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
        cursor.execute(f"VACUUM {', '.join(tables)}")


def _refuse_the_real_database(name: str) -> None:
    """pytest-django makes test databases only for the databases its collected tests are marked
    to use: a run of tests none of which is marked `django_db` (one file, `-k`) left a package or
    module fixture that loads data with `django_db_blocker.unblock()` on the developer's own
    database, and the search contract's fixture deleted its whole knowledge base."""
    if not name.startswith("test_"):
        pytest.exit(
            f"no test database was made (database {name!r}): no test in this run is marked "
            "django_db; mark the tests whose fixtures use the database"
        )


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data files in $DATA (../shared/data), read in place; fails if missing."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.fail(f"shared data not found at {path}; run `make test-data DATA=<folder>`")
    return path


@pytest.fixture
def celery_worker_factory(
    transactional_db: None,
) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start real Celery worker processes with extra environment (e.g. upstream URLs)."""
    workers: list[subprocess.Popen[bytes]] = []

    def start(extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        worker = _start_worker(extra_env or {})
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        _stop_worker(worker)


@pytest.fixture
def celery_worker_process(
    celery_worker_factory: Callable[..., subprocess.Popen[bytes]],
) -> subprocess.Popen[bytes]:
    """A real Celery worker process on the real broker, using the test database."""
    return celery_worker_factory()


def _start_worker(extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
    from django.db import connection

    env = {
        **os.environ,
        "RARELABS_DB_NAME": connection.settings_dict["NAME"],
        "CELERY_QUEUE": TEST_QUEUE,
        "DJANGO_SETTINGS_MODULE": "rarelabs.settings",
        **extra_env,
    }
    log_path = REPO / "var" / f"test-worker-{TEST_QUEUE}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rarelabs",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "-Q",
                TEST_QUEUE,
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    _wait_for_worker(worker, log_path)
    return worker


def _stop_worker(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _wait_for_worker(worker: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"celery worker exited early:\n{log_path.read_text()[-3000:]}")
        if b"ready." in log_path.read_bytes():
            return
        time.sleep(0.2)
    worker.kill()
    pytest.fail(f"celery worker did not become ready:\n{log_path.read_text()[-3000:]}")
