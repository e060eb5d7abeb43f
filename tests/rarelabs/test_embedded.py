"""Embedded PostgreSQL and Redis recover from a killed server and are shared, not duplicated:
a live server is never taken for a dead one (CI run 79)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
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


def _rewrite_in_place(path: Path, text: str) -> None:
    """Rewrite the server's lock file as PostgreSQL does (one write, then truncate): its owner and
    first line stay, so the server's once-a-minute check of the file keeps passing."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.pwrite(fd, text.encode(), 0)
        os.ftruncate(fd, len(text.encode()))
    finally:
        os.close(fd)


def _later(seconds: float, action) -> threading.Timer:
    timer = threading.Timer(seconds, action)
    timer.start()
    return timer


def test_a_caller_while_the_server_is_still_starting_waits_for_it(var_dir: Path):
    """Was: a server that had written postmaster.pid but not yet its socket was taken for a dead
    one; its lock file was deleted and a second postmaster started, which failed ("pre-existing
    shared memory block is still in use") and left the first to shut itself down (run 79)."""
    first = embedded.ensure_postgres(var_dir)
    pid_file = var_dir / "postgres" / "postmaster.pid"
    ready = pid_file.read_text()
    # What the file holds before the socket exists: pid, data dir, start time, port, no socket.
    _rewrite_in_place(pid_file, "\n".join(ready.splitlines()[:4]) + "\n\n")
    timer = _later(1.5, lambda: _rewrite_in_place(pid_file, ready))
    try:
        attached = embedded.ensure_postgres(var_dir)
    finally:
        timer.join()
    assert attached.pid == first.pid
    assert pid_file.read_text() == ready
    assert _connect(first) == embedded.DATABASE_NAME


def test_a_live_server_whose_socket_file_is_gone_is_reported_not_replaced(var_dir: Path):
    """Was: a missing socket file (a cleaned folder, a test's rmtree) made the running server
    look dead; a second postmaster was started over it and the running one stopped."""
    first = embedded.ensure_postgres(var_dir)
    pid_file = var_dir / "postgres" / "postmaster.pid"
    ready = pid_file.read_text()
    hidden = first.socket_path.with_name("hidden-socket")
    first.socket_path.rename(hidden)
    try:
        with pytest.raises(embedded.EmbeddedServerError, match=rf"pid {first.pid}.*left running"):
            embedded.ensure_postgres(var_dir)
        assert pid_file.read_text() == ready
    finally:
        hidden.rename(first.socket_path)
    assert embedded.ensure_postgres(var_dir) == first
    assert _connect(first) == embedded.DATABASE_NAME


def test_stop_stops_a_server_whose_socket_file_is_gone(var_dir: Path):
    """Was: taken for no server at all, so `make run`'s Ctrl-C left it running."""
    first = embedded.ensure_postgres(var_dir)
    first.socket_path.unlink()
    embedded.stop_postgres(var_dir)
    _wait_gone(first.pid)
    assert not Path(f"/proc/{first.pid}").exists()
    assert embedded.ensure_postgres(var_dir).pid != first.pid  # the next caller starts it anew


def test_a_stale_pid_reused_by_another_postgres_is_cleared(var_dir: Path):
    """The trap from PLATFORM.md again, with the pid now a live postgres of another data folder
    (a pid file naming any live postgres used to pass, its old socket file still on disk)."""
    other_var = var_dir / "other"
    other = embedded.ensure_postgres(other_var)
    try:
        first = embedded.ensure_postgres(var_dir)
        os.kill(first.pid, signal.SIGKILL)
        _wait_gone(first.pid)
        pid_file = var_dir / "postgres" / "postmaster.pid"
        lines = pid_file.read_text().splitlines()
        lines[0] = str(other.pid)
        pid_file.write_text("\n".join(lines) + "\n")
        second = embedded.ensure_postgres(var_dir)
        assert second.pid not in (first.pid, other.pid)
        assert _connect(second) == embedded.DATABASE_NAME
        assert _connect(other) == embedded.DATABASE_NAME  # the other server was not touched
    finally:
        embedded.stop_all(other_var)


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
