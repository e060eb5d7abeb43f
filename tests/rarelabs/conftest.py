"""Fixtures for the tests that run a private embedded PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._shared import REPO


@pytest.fixture
def private_var() -> Iterator[Path]:
    """A var folder for a private embedded PostgreSQL, under the repository's var/ rather than
    pytest's tmp_path: the server runs as its own system user, who must reach the folder, and
    pytest makes /tmp/pytest-of-<user> private (0700) again whenever another session starts."""
    path = REPO / "var" / "tmp" / f"private-{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    yield path
    shutil.rmtree(path, ignore_errors=True)
