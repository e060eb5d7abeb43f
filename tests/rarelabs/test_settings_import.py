"""Importing settings starts nothing; the entry points start the embedded servers (issue 15)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import redis

from rarelabs import embedded
from tests._shared import REPO


def _processes_naming(path: Path) -> list[str]:
    """Command lines of live postgres or redis-server processes that mention ``path``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if ("postgres" in cmdline or "redis-server" in cmdline) and str(path) in cmdline:
            found.append(cmdline)
    return found


def _sockets_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_socket()]


def _environ(var_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "REDIS_DB_BASE")
    }
    return {**env, "RARELABS_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "rarelabs.settings"}


@pytest.fixture
def var_dir(tmp_path: Path):
    # Short enough for the sockets to live under var/ itself, where this test looks for them.
    folder = Path("/tmp") / f"rl-{tmp_path.name[-20:]}-{os.getpid()}"  # noqa: S108
    folder.mkdir()
    yield folder
    embedded.stop_all(folder)
    shutil.rmtree(folder, ignore_errors=True)


def test_importing_settings_and_setting_up_django_start_no_server(var_dir: Path) -> None:
    code = (
        "import django, rarelabs.settings as s; django.setup(); "
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['HOST']); print(settings.REDIS_CLIENT_URL)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=REPO, env=_environ(var_dir),
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    host, redis_url = result.stdout.split()[-2:]
    # The settings describe this var/ ...
    assert host == str(var_dir / "postgres")
    assert redis_url == f"unix://{var_dir}/redis/redis.sock?db=0"
    # ... and nothing was started there.
    assert _processes_naming(var_dir) == []
    assert _sockets_under(var_dir) == []
    assert not (var_dir / "postgres" / "postmaster.pid").exists()


def test_an_entry_point_starts_the_servers_the_settings_describe(var_dir: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-c",
         "from django.db import connection; connection.ensure_connection(); print('connected')"],
        cwd=REPO, env=_environ(var_dir), capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("connected")
    socket_dir = var_dir.resolve() / "postgres"
    conninfo = f"host={socket_dir} port=5432 user=postgres dbname=rarelabs connect_timeout=5"
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == "rarelabs"
    assert redis.Redis(unix_socket_path=str(var_dir / "redis" / "redis.sock")).ping() is True


def test_a_celery_worker_started_alone_starts_the_servers_it_needs(var_dir: Path) -> None:
    log_path = var_dir / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter
            [sys.executable, "-m", "celery", "-A", "rarelabs", "worker", "--pool", "solo",
             "--loglevel", "INFO", "-Q", f"alone-{os.getpid()}", "--without-heartbeat",
             "--without-gossip", "--without-mingle"],
            cwd=REPO, env=_environ(var_dir), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while b"ready." not in log_path.read_bytes():
            assert worker.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    # The worker reached the broker, so its Redis runs where the settings said; so does PostgreSQL.
    assert redis.Redis(unix_socket_path=str(var_dir / "redis" / "redis.sock")).ping() is True
    assert (var_dir / "postgres" / ".s.PGSQL.5432").is_socket()


def _redis_urls(var_dir: Path, base: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.REDIS_CLIENT_URL); print(settings.CELERY_BROKER_URL); "
        "print(settings.CELERY_RESULT_BACKEND)"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=REPO, env={**_environ(var_dir), "REDIS_DB_BASE": base},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_redis_db_base_moves_all_four_databases_and_refuses_an_overlap(var_dir: Path) -> None:
    """Two sites (or parallel test workers) share one Redis when each starts its four
    databases at its own multiple of four; a base that would overlap another's is refused."""
    moved = _redis_urls(var_dir, "8")
    assert moved.returncode == 0, moved.stderr[-2000:]
    cache, broker, results = moved.stdout.split()[-3:]
    assert (cache.rsplit("=", 1)[1], broker.rsplit("=", 1)[1], results.rsplit("=", 1)[1]) == (
        "8", "9", "10")  # fmt: skip
    refused = _redis_urls(var_dir, "6")
    assert refused.returncode != 0
    assert "REDIS_DB_BASE must be 0, 4, 8 or 12, not 6" in refused.stderr
