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


def _socket_folder_or_skip() -> str:
    folder = str(connection.settings_dict["HOST"] or "")
    if not folder.startswith("/"):
        pytest.skip("the test database is reached over TCP here, not through a socket folder")
    return folder


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["query", "percent-encoded"])
def test_database_url_through_a_unix_socket_connects(form):
    """Debian's own PostgreSQL is usually reached through /var/run/postgresql: the preflight
    used to take the URL's path (the database name) for the socket and refuse to start."""
    folder = _socket_folder_or_skip()
    user, name = connection.settings_dict["USER"], connection.settings_dict["NAME"]
    if form == "query":
        url = f"postgres://{user}@/{name}?host={folder}"
    else:
        url = f"postgres://{user}@{folder.replace('/', '%2F')}/{name}"
    result = _manage(
        "check", "--database", "default", env={"DATABASE_URL": url, "RARELABS_DB_NAME": name}
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_database_url_naming_a_socket_folder_without_a_server_fails_fast(tmp_path):
    result = _manage("check", env={"DATABASE_URL": f"postgres://u@/none?host={tmp_path}"})
    assert result.returncode == 2
    assert f"DATABASE_URL points at the socket {tmp_path}/.s.PGSQL.5432, which does not" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_database_url_socket_where_nothing_listens_fails_fast(tmp_path):
    import socket

    path = tmp_path / ".s.PGSQL.5432"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(path))  # the file exists, no server accepts on it
        result = _manage("check", env={"DATABASE_URL": f"postgres://u@/none?host={tmp_path}"})
    assert result.returncode == 2
    assert f"DATABASE_URL points at the socket {path}, where nothing answers" in result.stderr
