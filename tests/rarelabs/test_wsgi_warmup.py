"""A web worker loads what its first pages need at boot (under gunicorn's --preload, in the
master before it forks), not on a reader's first page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rarelabs.supervisor import SiteAddress, _commands

REPO = Path(__file__).resolve().parents[2]
# Loading the pronunciation dictionary takes about two seconds of CPU; a warm call milliseconds.
# CPU time, not the wall clock: the load is this process's own work, which a loaded machine
# only delays, so the bound holds on any machine and a load on the first page still exceeds it.
WARM_LIMIT_SECONDS = 0.5
# One import of the WSGI app (each costs seconds), then what a forked worker would find.
PROBE = """
import gc
import time
import rarelabs.wsgi  # what gunicorn imports, once, before it forks the workers
from rarelabs.readability import reading_grade
from treatments.describe.lexicon import _memory as phrases
from treatments.phenotypes.index import _memory as index
from search.lexicon import _state as spelling
from treatments.describe import encoder
start = time.process_time()
reading_grade("The first family summary a reader opens after the site starts.")
print(time.process_time() - start)
print(index["index"] is not None, bool(phrases), spelling["lexicon"] is not None,
      encoder._encoder is not None)
print(gc.get_freeze_count())
"""


@pytest.fixture(scope="module")
def after_wsgi_import(django_db_setup: None) -> list[str]:
    """The probe's output lines, run against the test database (the clone's own, if loaded,
    would make the import build the full search tables)."""
    from django.db import connection

    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rarelabs.settings",
            "RARELABS_DB_NAME": connection.settings_dict["NAME"],
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-3:]


def test_first_reading_grade_after_wsgi_import_is_fast(after_wsgi_import: list[str]) -> None:
    """Importing the WSGI app pays the dictionary load, so the first summary page is quick."""
    assert float(after_wsgi_import[0]) < WARM_LIMIT_SECONDS, after_wsgi_import


def test_web_workers_fork_from_one_preloaded_app() -> None:
    """gunicorn preloads the app, so the dictionary loads once, not once per worker at boot."""
    web = _commands(SiteAddress("127.0.0.1", 8000), workers=3)["web"]
    assert "--preload" in web
    assert web[web.index("--workers") + 1] == "3"


def test_the_search_tables_are_loaded_before_the_workers_fork(
    after_wsgi_import: list[str],
) -> None:
    """Importing the WSGI app builds the phenotype index, the phrase table and the spelling
    lexicon, and loads the sentence encoder, so forked workers share them."""
    assert after_wsgi_import[1] == "True True True True", after_wsgi_import


def test_what_the_master_loaded_is_frozen_before_the_workers_fork(
    after_wsgi_import: list[str],
) -> None:
    """The loaded app and tables are out of the garbage collector's reach (gc.freeze): workers
    keep sharing their pages, and a worker or master stopping does not walk them at exit (was
    about 4 s per process, paid by each restart and each test that stops a site)."""
    assert int(after_wsgi_import[2]) > 100_000, after_wsgi_import
