"""The foundation: health, the real Celery worker, fail-fast configuration, security settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

from rarelabs.tasks import health_ping_task
from tests._shared import REPO


@pytest.mark.django_db
def test_healthz_reports_every_service_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "broker", "search"}
    assert all(check["state"] == "ok" for check in body["checks"].values())


def test_celery_task_runs_in_a_real_worker_process(celery_worker_process):
    result = health_ping_task.delay()
    answer = result.get(timeout=30)
    assert answer["pid"] == celery_worker_process.pid
    assert answer["pid"] != os.getpid()
    assert answer["database"] == connection.settings_dict["NAME"]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # As an operator would run it: not with the browser tests' async-unsafe switch.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_unreachable_database_url_fails_fast_naming_variable_and_address():
    result = _manage("check", env={"DATABASE_URL": "postgres://u:p@127.0.0.1:1/none"})
    assert result.returncode == 2
    assert "DATABASE_URL points at 127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_redis_url_fails_fast_naming_variable_and_address():
    result = _manage("check", env={"REDIS_URL": "redis://127.0.0.1:1/0"})
    assert result.returncode == 2
    assert "REDIS_URL points at 127.0.0.1:1" in result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", env={"RARELABS_ENV": "production", "SECRET_KEY": ""})
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    key = "k" * 20 + "Zq8-Lr3_Vx9pWm2Ty7Nb5Hc4Jd6Fg1Ks0Ae"
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"RARELABS_ENV": "production", "SECRET_KEY": key, "ALLOWED_HOSTS": "rarelabs.example"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
