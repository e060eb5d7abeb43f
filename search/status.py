"""The state of the search backend, for /healthz (the search issue fills this in)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchStatus:
    state: str  # "ok", "degraded" (OpenSearch down, PostgreSQL answering) or "down"
    backend: str
    detail: str


def search_status() -> SearchStatus:
    """Placeholder until the search backends land: PostgreSQL search is always there."""
    return SearchStatus(state="ok", backend="postgres", detail="PostgreSQL full-text search")
