"""The upstreams a condition refresh walks: trials/ and literature/ register here from ready().

ingest/ sits below the domain apps, so it cannot import their refreshers; each app hands its
refresh and fetch functions over when Django loads it (INSTALLED_APPS order is the run order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest.models import RefreshRun

Refresh = Callable[..., RefreshRun | None]  # (*, condition_id: int, full: bool)
Fetch = Callable[[Iterable[str]], RefreshRun | None]  # ids of this upstream's records


@dataclass(frozen=True)
class Upstream:
    name: str
    refresh: Refresh
    fetch: Fetch
    id_kind: str  # the keyword ids arrive under in a references fetch: "nct_ids", "pmids"


_UPSTREAMS: dict[str, Upstream] = {}


def upstream_register(upstream: Upstream) -> None:
    """Add (or replace, on a reload) one upstream."""
    _UPSTREAMS[upstream.name] = upstream


def upstreams() -> list[Upstream]:
    """Every registered upstream, in registration order."""
    return list(_UPSTREAMS.values())


def upstreams_refresh(*, condition_id: int, full: bool = False) -> list[RefreshRun | None]:
    """Refresh one condition from every upstream (None for a scope already running)."""
    return [u.refresh(condition_id=condition_id, full=full) for u in upstreams()]


def upstreams_fetch(ids: dict[str, list[str]]) -> list[RefreshRun | None]:
    """Fetch cited records by id from the upstreams that have any to fetch."""
    return [u.fetch(ids[u.id_kind]) for u in upstreams() if ids.get(u.id_kind)]
