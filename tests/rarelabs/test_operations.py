"""Operations: a stale pid file, /healthz for the public and for staff, the production checks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rarelabs.supervisor import running_site
from tests._shared import REPO


def test_a_stale_pid_file_naming_another_process_does_not_stop_the_start(settings, tmp_path):
    """After a kill -9 the pid in var/run/site.pid may belong to any live process."""
    settings.VAR_DIR = tmp_path
    (tmp_path / "run").mkdir()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / "run" / "site.pid").write_text(f"{other.pid} http://127.0.0.1:8000")
        assert running_site() is None
        (tmp_path / "run" / "site.pid").write_text(f"{os.getpid()} http://127.0.0.1:8000")
        assert running_site() is None  # pytest is alive, but it is not run_site
    finally:
        other.kill()
        other.wait()


def test_a_live_run_site_is_still_recognised(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    (tmp_path / "run").mkdir()
    fake = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)", "run_site"])
    while not Path(f"/proc/{fake.pid}/cmdline").read_bytes():  # filled in just after the exec
        time.sleep(0.01)
    try:
        (tmp_path / "run" / "site.pid").write_text(f"{fake.pid} http://127.0.0.1:8000")
        assert running_site() == (fake.pid, "http://127.0.0.1:8000")
    finally:
        fake.kill()
        fake.wait()


@pytest.mark.django_db
def test_healthz_keeps_details_for_staff(settings) -> None:
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_BACKEND = "search.backends.opensearch.backend.OpenSearchBackend"
    public = Client().get("/healthz")
    body = public.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == {"state": "degraded"}
    assert "sock" not in public.content.decode()
    assert "127.0.0.1:9" not in public.content.decode()
    staff = Client()
    staff.force_login(User.objects.create_user("ops", password="x" * 20, is_staff=True))
    detailed = staff.get("/healthz").json()
    assert "unreachable" in detailed["checks"]["search"]["detail"]


def _deploy_environ() -> dict[str, str]:
    # The browser tests' session fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment
    # never has it, and check --deploy rightly refuses it.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _production_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=REPO, env={**_deploy_environ(), "RARELABS_ENV": "production",
                       "ALLOWED_HOSTS": "rarelabs.org", **env},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("key", ["a" * 50, "ab" * 30, "django-insecure-" + "x1y2" * 12])
def test_production_refuses_a_weak_secret_key(key: str) -> None:
    result = _production_check({"SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_accepts_a_random_key_and_exempts_healthz_from_the_redirect() -> None:
    key = "q8Vn2-LxT0pR7sKd4WmZy1Hc9Jf6Ab3Ne5Gu0Io2Pq8Rt4Sv7Xw"
    result = _production_check({"SECRET_KEY": key})
    assert result.returncode == 0, result.stderr
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code)"
    )
    probe = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**_deploy_environ(), "RARELABS_ENV": "production", "SECRET_KEY": key,
             "ALLOWED_HOSTS": "testserver", "DJANGO_SETTINGS_MODULE": "rarelabs.settings"},
        check=False,
    )  # fmt: skip
    assert probe.stdout.strip().splitlines()[-1] in ("200", "503"), probe.stderr[-2000:]


def test_backup_guide_exists() -> None:
    assert (Path(REPO) / "docs" / "operations.md").read_text().count("pg_restore") >= 2
