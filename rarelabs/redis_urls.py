"""Redis URLs: one server, a database number per use (kept apart so FLUSHDB of one spares the rest)."""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

# The first of the four databases: two sites (or two parallel test processes) can share one
# server when each starts at its own multiple of four (a stock server has databases 0-15).
REDIS_DB_BASE = int(os.environ.get("REDIS_DB_BASE", "0"))
if REDIS_DB_BASE not in (0, 4, 8, 12):
    raise ImproperlyConfigured(f"REDIS_DB_BASE must be 0, 4, 8 or 12, not {REDIS_DB_BASE}")

CACHE_DB = REDIS_DB_BASE
BROKER_DB = REDIS_DB_BASE + 1
RESULTS_DB = REDIS_DB_BASE + 2
LOCKS_DB = REDIS_DB_BASE + 3


def with_db(url: str, db: int) -> str:
    """The same Redis URL pointing at database ``db`` (unix://...?db=N or redis://host/N)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "db"]
    if parts.scheme == "unix":
        # urlunsplit would drop the empty host of unix:///path.
        return f"{url.split('?', 1)[0]}?{urlencode([*query, ('db', str(db))])}"
    return urlunsplit(parts._replace(path=f"/{db}", query=urlencode(query)))


def celery_url(url: str, db: int) -> str:
    """``with_db`` spelled for Celery's broker and result backend: a unix socket is
    redis+socket:///path?virtual_host=N there (kombu knows no unix:// transport)."""
    parts = urlsplit(url)
    if parts.scheme != "unix":
        return with_db(url, db)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "db"]
    path = url.split("?", 1)[0].removeprefix("unix://")
    return f"redis+socket://{path}?{urlencode([*query, ('virtual_host', str(db))])}"
