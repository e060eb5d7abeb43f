"""The bundled load with a small real pack: killed once mid-way, resumed, started again."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from ingest.models import RefreshRun, RunStatus
from tests._shared import REPO
from tests.kbimport.importers.conftest import _empty_imported_tables
from tests.kbimport.pack.small import small_pack


@pytest.fixture(scope="package")
def pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed pack cut down to 40 conditions (same format, same sources)."""
    return small_pack(tmp_path_factory.mktemp("pack"))


def _load(pack: Path, *extra: str) -> str:
    out = io.StringIO()
    call_command("load_knowledge_base", "--pack", str(pack), "--no-index", *extra, stdout=out)
    return out.getvalue()


def _kill_during_orphanet_step(pack: Path) -> RefreshRun:
    """Start the load in another process and kill it (SIGKILL) while Orphanet is loading."""
    env = {**os.environ, "RARELABS_DB_NAME": connection.settings_dict["NAME"],
           "DJANGO_SETTINGS_MODULE": "rarelabs.settings"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "manage.py", "load_knowledge_base", "--pack", str(pack), "--no-index"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and process.poll() is None:
            run = RefreshRun.objects.filter(task="pack_orphanet").first()
            if run is not None:
                process.send_signal(signal.SIGKILL)
                process.wait()
                run.refresh_from_db()
                return run
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    pytest.fail("the load ended before its Orphanet step could be interrupted")


@pytest.fixture(scope="package")
def loaded(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest, pack_dir: Path
) -> Iterator[dict[str, object]]:
    """Kill a first load mid-way, then start twice: the outputs and the interrupted run."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _empty_imported_tables()
        killed = _kill_during_orphanet_step(pack_dir)
        resumed = _load(pack_dir)
        again = _load(pack_dir)
        yield {"killed": killed, "resumed": resumed, "again": again}
        _empty_imported_tables()


@pytest.fixture
def packed_kb(loaded: dict[str, object], db: None) -> dict[str, object]:
    """The loaded knowledge base, inside a test transaction rolled back afterwards."""
    assert RefreshRun.objects.filter(task="pack_orphanet", status=RunStatus.OK).exists()
    return loaded
