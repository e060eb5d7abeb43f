"""Embedded PostgreSQL and Redis recover from a killed server and are shared, not duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from rarelabs import embedded


def _connect(postmaster: embedded.Postmaster) -> str:
    conninfo = (
        f"host={postmaster.socket_dir} port={postmaster.port} user=postgres "
        f"dbname={embedded.DATABASE_NAME} connect_timeout=5"
    )
    with psycopg.connect(conninfo) as conn:
        return conn.execute("SELECT current_database()").fetchone()[0]


def _wait_gone(pid: int) -> None:
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def var_dir(private_var: Path):
    yield private_var
    embedded.stop_all(private_var)


def test_postgres_recovers_after_kill_9_with_a_stale_pid_reused(var_dir: Path):
    first = embedded.ensure_postgres(var_dir)
    assert _connect(first) == embedded.DATABASE_NAME
    os.kill(first.pid, signal.SIGKILL)
    _wait_gone(first.pid)
    # The trap from PLATFORM.md: the stale pid now belongs to another live process.
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        pid_file = var_dir / "postgres" / "postmaster.pid"
        lines = pid_file.read_text().splitlines()
        lines[0] = str(sleeper.pid)
        pid_file.write_text("\n".join(lines) + "\n")
        second = embedded.ensure_postgres(var_dir)
    finally:
        sleeper.kill()
    assert second.pid != first.pid
    assert _connect(second) == embedded.DATABASE_NAME


def test_second_caller_attaches_to_the_running_postgres(var_dir: Path):
    first = embedded.ensure_postgres(var_dir)
    assert embedded.ensure_postgres(var_dir) == first


def test_redis_recovers_after_kill_9(var_dir: Path):
    socket_path = embedded.ensure_redis(var_dir)
    pid = int((socket_path.parent / "redis.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    _wait_gone(pid)
    again = embedded.ensure_redis(var_dir)
    new_pid = int((again.parent / "redis.pid").read_text())
    assert new_pid != pid
    import redis

    assert redis.Redis(unix_socket_path=str(again)).ping() is True


def test_a_deep_clone_path_gets_a_short_socket_that_settings_describe(tmp_path: Path):
    var_dir = tmp_path / ("deep-" * 12) / "var"
    var_dir.mkdir(parents=True)
    try:
        embedded.start_servers(var_dir)
        described = embedded.postgres_database(var_dir)
        assert len(str(var_dir / "postgres" / ".s.PGSQL.5432")) > embedded.MAX_SOCKET_PATH
        assert not str(described["HOST"]).startswith(str(tmp_path))
        conninfo = (
            f"host={described['HOST']} port={described['PORT']} user=postgres "
            f"dbname={described['NAME']} connect_timeout=5"
        )
        with psycopg.connect(conninfo) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        import redis

        socket_path = embedded.redis_socket_path(var_dir)
        assert redis.Redis(unix_socket_path=str(socket_path)).ping() is True
    finally:
        embedded.remove_data(var_dir)
    assert not Path(str(described["HOST"])).exists()
