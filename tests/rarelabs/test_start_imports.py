"""What a process loads at start: every Celery worker, `manage.py` command and site in the suite
(and in production) pays it again, so a library only one page or one job needs is imported where
it is used."""

from __future__ import annotations

import os
import subprocess
import sys

from tests._shared import REPO

# Each took a second or more of CPU at every start (fpdf2 with its font tools; textstat with
# NLTK and numpy), for the case PDF and the reading grade alone.
LOADED_ON_FIRST_USE = ("fpdf", "nltk", "textstat")


def test_setting_up_and_checking_the_project_leaves_the_pdf_and_grade_libraries_unloaded() -> None:
    """Was: Django's setup (the admin's modules) imported NLTK through the reading grade, and
    the system checks a Celery worker runs at start imported fpdf2 through the URLs' case views."""
    code = (
        "import sys, django; django.setup(); "
        "from django.core.checks import run_checks; run_checks(); "
        f"print(' '.join(name for name in {LOADED_ON_FIRST_USE!r} if name in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "rarelabs.settings"}, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == ""
