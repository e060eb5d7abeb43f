"""Redis URLs: one server, a database number per use (kept apart so FLUSHDB of one spares the rest)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

CACHE_DB = 0
BROKER_DB = 1
RESULTS_DB = 2
LOCKS_DB = 3


def with_db(url: str, db: int) -> str:
    """The same Redis URL pointing at database ``db`` (unix://...?db=N or redis://host/N)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "db"]
    if parts.scheme == "unix":
        # urlunsplit would drop the empty host of unix:///path.
        return f"{url.split('?', 1)[0]}?{urlencode([*query, ('db', str(db))])}"
    return urlunsplit(parts._replace(path=f"/{db}", query=urlencode(query)))
