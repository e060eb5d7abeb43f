"""A web worker loads the reading-grade dictionary at boot, not on a reader's first page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rarelabs.supervisor import SiteAddress, _commands

REPO = Path(__file__).resolve().parents[2]
# Loading the pronunciation dictionary takes about two seconds; a warm call takes milliseconds.
WARM_LIMIT_SECONDS = 0.5
PROBE = """
import time
import rarelabs.wsgi  # what gunicorn imports in every worker
from rarelabs.readability import reading_grade
start = time.perf_counter()
reading_grade("The first family summary a reader opens after the site starts.")
print(time.perf_counter() - start)
"""


def test_first_reading_grade_after_wsgi_import_is_fast() -> None:
    """Importing the WSGI app pays the dictionary load, so the first summary page is quick."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "rarelabs.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seconds = float(result.stdout.strip().splitlines()[-1])
    assert seconds < WARM_LIMIT_SECONDS, result.stdout


def test_web_workers_fork_from_one_preloaded_app() -> None:
    """gunicorn preloads the app, so the dictionary loads once, not once per worker at boot."""
    web = _commands(SiteAddress("127.0.0.1", 8000), workers=3)["web"]
    assert "--preload" in web
    assert web[web.index("--workers") + 1] == "3"


SEARCH_PROBE = """
import time
import rarelabs.wsgi  # under --preload: gunicorn's master, before it forks the workers
from treatments.describe.lexicon import _memory as phrases
from treatments.phenotypes.index import _memory as index
print(index["index"] is not None, bool(phrases))
"""


def test_the_phenotype_index_and_phrase_table_are_loaded_before_the_workers_fork(
    django_db_setup: None,
) -> None:
    """Importing the WSGI app builds both search tables, so forked workers share them."""
    from django.db import connection

    test_db = connection.settings_dict["NAME"]
    result = subprocess.run(
        [sys.executable, "-c", SEARCH_PROBE],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rarelabs.settings",
            "RARELABS_DB_NAME": test_db,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "True True", result.stderr[-2000:]
