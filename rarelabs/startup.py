"""What every entry point does before Django connects: start this clone's embedded servers (unless
DATABASE_URL / REDIS_URL name real ones), fail fast on a bad configuration, and say in one line
what the site runs on. Settings only describe the servers; starting them happens here."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

DEFAULT_PORTS = {"postgres": 5432, "postgresql": 5432, "redis": 6379, "rediss": 6379}
POSTGRES_SCHEMES = frozenset({"postgres", "postgresql", "pgsql", "postgis"})
# Where libpq looks for the server's socket when a URL names no host (Debian's, then upstream's).
LIBPQ_SOCKET_DIRS = ("/var/run/postgresql", "/tmp")  # noqa: S108 - libpq's own default


class ServiceUnreachable(RuntimeError):
    """A configured server does not answer."""


def postgres_socket_files(url: str) -> list[str]:
    """The socket files a PostgreSQL URL may mean, in libpq's order; empty for a TCP address.

    `postgres:///db` (no host), `postgres:///db?host=/dir` and `postgres://%2Fdir/db` all
    connect through a unix socket, not to a host name.
    """
    parts = urlsplit(url)
    host = parse_qs(parts.query).get("host", [""])[0] or postgres_netloc_host(parts)
    try:
        port = parts.port or 5432
    except ValueError:
        port = 5432
    if host.startswith("/"):
        return [f"{host.rstrip('/')}/.s.PGSQL.{port}"]
    if not host:
        return [f"{directory}/.s.PGSQL.{port}" for directory in LIBPQ_SOCKET_DIRS]
    return []


def postgres_netloc_host(parts: SplitResult) -> str:
    """The host part of the URL, percent-decoded (urlsplit lower-cases and keeps `%2F`)."""
    host = parts.netloc.rpartition("@")[2]
    if not host.startswith("["):
        host = host.partition(":")[0]
    return unquote(host)


def _connect_unix(variable: str, path: str, timeout: float) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except OSError as exc:
            raise ServiceUnreachable(
                f"{variable} points at the socket {path}, where nothing answers ({exc}). "
                f"Start that server, fix {variable}, or unset it to use the embedded one."
            ) from exc


def check_reachable(variable: str, url: str, timeout: float = 3.0) -> None:
    """Raise ServiceUnreachable naming the variable and address when nothing listens there."""
    parts = urlsplit(url)
    sockets = postgres_socket_files(url) if parts.scheme in POSTGRES_SCHEMES else []
    if not sockets and (parts.scheme in ("unix", "redis+socket") or not parts.hostname):
        sockets = [parts.path] if parts.path else []
    if sockets:
        existing = [path for path in sockets if os.path.exists(path)]
        if not existing:
            raise ServiceUnreachable(
                f"{variable} points at the socket {' or '.join(sockets)}, which does not exist. "
                f"Start that server, fix {variable}, or unset it to use the embedded one."
            )
        _connect_unix(variable, existing[0], timeout)
        return
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return
    except OSError as exc:
        raise ServiceUnreachable(
            f"{variable} points at {parts.hostname}:{port}, which does not answer ({exc}). "
            f"Start that server, fix {variable}, or unset it to use the embedded one."
        ) from exc


def start_services() -> None:
    """Start (or attach to) the embedded servers settings describe, and create var/ folders."""
    from django.conf import settings

    from rarelabs import embedded

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    embedded.start_servers(
        settings.VAR_DIR, postgres=not settings.DATABASE_URL, redis=not settings.REDIS_URL
    )


def preflight() -> None:
    """Start the services; fail fast, with one clear line, on an unreachable server or a bad
    configuration."""
    from django.core.exceptions import ImproperlyConfigured

    from rarelabs.embedded import EmbeddedServerError

    try:
        from django.conf import settings

        # Reading settings raises ImproperlyConfigured on a bad configuration.
        servers = {"DATABASE_URL": settings.DATABASE_URL, "REDIS_URL": settings.REDIS_URL}
        for variable, url in servers.items():
            if url:
                check_reachable(variable, url)
        start_services()
    except (ServiceUnreachable, ImproperlyConfigured, EmbeddedServerError) as exc:
        sys.stderr.write(f"rarelabs: cannot start: {exc}\n")
        raise SystemExit(2) from exc


def describe_services() -> str:
    """Which database, broker and search backend this process uses, in one line."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if settings.DATABASE_URL:
        db = f"PostgreSQL at {database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"
    else:
        db = f"embedded PostgreSQL (socket in {database['HOST']})"
    if settings.REDIS_URL:
        parts = urlsplit(settings.REDIS_URL)
        if parts.scheme == "unix":
            broker = f"Redis on socket {parts.path}"
        else:
            broker = f"Redis at {parts.hostname}:{parts.port or 6379}"
    else:
        broker = f"embedded Redis ({settings.REDIS_CLIENT_URL.split('?')[0]})"
    if settings.OPENSEARCH_URL:
        search = f"OpenSearch at {settings.OPENSEARCH_URL}"
    else:
        search = "PostgreSQL full-text search"
    return f"database: {db}; broker: {broker}; search: {search}"
