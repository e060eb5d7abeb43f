"""The state of the search backend, for /healthz and `search_index status`."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import DatabaseError

from search.backends.base import BackendUnavailable, load_backend, postgres_backend

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchStatus:
    state: str  # "ok", "degraded" (OpenSearch down, PostgreSQL answering) or "down"
    backend: str
    detail: str


def search_status() -> SearchStatus:
    """Ping the configured backend; OpenSearch unreachable is 'degraded' (PostgreSQL answers)."""
    backend = load_backend()
    try:
        return SearchStatus(state="ok", backend=backend.name, detail=backend.ping())
    except BackendUnavailable as exc:
        logger.warning("search status: %s unreachable: %s", backend.name, exc)
        try:
            fallback = postgres_backend().ping()
        except DatabaseError as db_exc:
            return SearchStatus(
                state="down", backend=backend.name, detail=str(db_exc).splitlines()[0]
            )
        return SearchStatus(
            state="degraded",
            backend=backend.name,
            detail=f"unreachable ({exc}); searches answered by {fallback}",
        )
    except DatabaseError as exc:
        logger.warning("search status: database error: %s", exc)
        return SearchStatus(state="down", backend=backend.name, detail=str(exc).splitlines()[0])
