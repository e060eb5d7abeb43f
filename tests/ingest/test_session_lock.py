"""The load's advisory lock: a second start waits for it, and a killed holder lets it go."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from django.db import connection

from ingest.locks import session_lock
from tests._shared import REPO

# Holds the lock through Django's own session_lock, says its backend's pid, then sits in a long
# statement.
HOLDER = (
    "from django.db import connection\n"
    "from ingest.locks import session_lock\n"
    "with session_lock('lock-test', wait_seconds=10) as held:\n"
    "    assert held\n"
    "    cursor = connection.cursor()\n"
    "    cursor.execute('SELECT pg_backend_pid()')\n"
    "    print('held', cursor.fetchone()[0], flush=True)\n"
    "    cursor.execute('SELECT pg_sleep(600)')\n"
)


def _wait_until_sleeping(backend_pid: int) -> None:
    """Until the holder's backend runs its pg_sleep: a backend killed while idle lets the lock
    go with or without the connection check, which would let the kill test pass without it."""
    params = connection.get_connection_params()
    deadline = time.monotonic() + 30.0
    with psycopg.connect(**params, autocommit=True) as watch:
        while time.monotonic() < deadline:
            row = watch.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s AND state = 'active' "
                "AND query LIKE 'SELECT pg_sleep(600)%%'",
                [backend_pid],
            ).fetchone()
            if row is not None:
                return
            time.sleep(0.02)
    raise AssertionError("the holder's backend never started its pg_sleep")


def _start_holder() -> subprocess.Popen[str]:
    env = {**os.environ, "RARELABS_DB_NAME": connection.settings_dict["NAME"],
           "DJANGO_SETTINGS_MODULE": "rarelabs.settings"}  # fmt: skip
    holder = subprocess.Popen([sys.executable, "manage.py", "shell", "-c", HOLDER], cwd=REPO,  # noqa: S603
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)  # fmt: skip
    assert holder.stdout is not None
    for line in holder.stdout:  # `shell` may print its auto-imports first
        said = line.split()
        if len(said) == 2 and said[0] == "held":
            _wait_until_sleeping(int(said[1]))
            return holder
    raise AssertionError("the holder process ended without taking the lock")


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_by_a_live_process_is_not_taken() -> None:
    holder = _start_holder()
    try:
        started = time.monotonic()
        with session_lock("lock-test", wait_seconds=1.0) as acquired:
            assert acquired is False
        assert time.monotonic() - started >= 1.0  # it waited before giving up
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.django_db(transaction=True)
def test_a_holder_killed_mid_statement_lets_the_lock_go_long_before_its_statement_ends() -> None:
    holder = _start_holder()
    holder.send_signal(signal.SIGKILL)  # its backend is seen running pg_sleep(600)
    holder.wait()
    # Without the holder's connection check its backend keeps the lock for the whole 600 s
    # statement; with it, about a second. A minute's wait tells the two apart on any machine.
    with session_lock("lock-test", wait_seconds=60.0) as acquired:
        assert acquired is True


@pytest.mark.django_db(transaction=True)
def test_the_lock_is_free_again_after_the_block() -> None:
    with session_lock("lock-test", wait_seconds=0) as acquired:
        assert acquired is True
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        row = other.execute(
            "SELECT pg_try_advisory_lock(hashtextextended('rarelabs:lock-test', 0))"
        ).fetchone()
        assert row is not None
        assert row[0] is True
