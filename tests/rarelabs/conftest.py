"""Fixtures for the tests that run a private embedded PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._shared import REPO
from tests.rarelabs.webserver import private_postgres_seed, stop_private_postgres


def _new_private_var() -> Path:
    """A var folder for a private embedded PostgreSQL, under the repository's var/ rather than
    pytest's tmp_path: the server runs as its own system user, who must reach the folder, and
    pytest makes /tmp/pytest-of-<user> private (0700) again whenever another session starts."""
    path = REPO / "var" / "tmp" / f"private-{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def private_var() -> Iterator[Path]:
    path = _new_private_var()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def private_seed_var(django_db_setup: None) -> Iterator[Path]:
    """One stopped private PostgreSQL per test process holding the test database's schema,
    which private_database_copy copies for each test (webserver.private_postgres_seed)."""
    path = _new_private_var()
    try:
        private_postgres_seed(path)
        yield path
    finally:
        stop_private_postgres(path)
        shutil.rmtree(path, ignore_errors=True)
