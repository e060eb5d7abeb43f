"""A run with no test marked django_db gets no test database from pytest-django: a fixture that
writes through django_db_blocker then wrote to the developer's own database (a search contract
fixture deleted a loaded knowledge base). The suite refuses to start such a run instead."""

from __future__ import annotations

import os
import subprocess
import sys

from tests._shared import REPO


def test_a_run_without_a_test_database_stops_before_any_fixture_writes() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "tests/rarelabs/unmarked_database_use.py"],
        cwd=REPO, env={**os.environ, "PYTEST_ADDOPTS": ""}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 2, output[-2000:]
    assert "no test database was made" in output
    assert "1 passed" not in output
