"""A circuit breaker any layer may use: the upstream clients (ingest) and the search engine.

It lives here, below ingest and search, so both use the one implementation (issue 14: a hung
OpenSearch node is put behind the same breaker as the upstream APIs).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)


class BreakerOpen(Exception):  # noqa: N818 - the name says what happened
    """The circuit is open: the call failed fast without being made."""

    def __init__(self, name: str, *, url: str | None, retry_in: float) -> None:
        super().__init__(f"circuit {name!r} open, retry in {retry_in:.1f}s")
        self.name = name
        self.url = url
        self.retry_in = retry_in


@dataclass(frozen=True)
class BreakerState:
    """What a circuit breaker remembers: consecutive failures and when it opened (epoch s)."""

    failures: int = 0
    opened_at: float | None = None


class BreakerStore(Protocol):
    """Where breaker state lives. In-memory today; a Redis store can share it across workers."""

    def get(self, name: str) -> BreakerState | None: ...

    def set(self, name: str, state: BreakerState) -> None: ...


class InMemoryBreakerStore:
    """Process-local breaker state: each Celery worker process has its own view."""

    def __init__(self) -> None:
        self._states: dict[str, BreakerState] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> BreakerState | None:
        """Return the stored state for ``name``, if any."""
        with self._lock:
            return self._states.get(name)

    def set(self, name: str, state: BreakerState) -> None:
        """Store the state for ``name``."""
        with self._lock:
            self._states[name] = state


_PROCESS_STORE = InMemoryBreakerStore()


class CircuitBreaker:
    """Opens after ``failure_threshold`` consecutive failed fetches; fails fast until reset.

    After ``reset_after`` seconds one call is let through (half-open): success closes the
    circuit, failure reopens it at once. Breakers with the same name share state through
    the store (by default one store per process). Wall-clock time is used, not monotonic,
    so a shared store (e.g. Redis) can compare timestamps written by other hosts.
    """

    def __init__(
        self,
        name: str,
        failure_threshold: int = 5,
        reset_after: float = 60.0,
        *,
        store: BreakerStore | None = None,
    ) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self.store: BreakerStore = store if store is not None else _PROCESS_STORE
        self._lock = threading.Lock()

    # What check() raises; ingest's breaker raises its own CircuitOpen (a transient upstream error).
    open_error: type[Exception] = BreakerOpen
    # Whether record_failure logs each opening (a breaker whose outage is logged once says no).
    logs_opening: bool = True

    def _state(self) -> BreakerState:
        return self.store.get(self.name) or BreakerState()

    @property
    def is_open(self) -> bool:
        """True while calls are being refused."""
        state = self._state()
        return state.opened_at is not None and time.time() - state.opened_at < self.reset_after

    def check(self, url: str | None = None) -> None:
        """Raise CircuitOpen if the circuit is open and the reset time has not passed."""
        state = self._state()
        if state.opened_at is None:
            return
        remaining = self.reset_after - (time.time() - state.opened_at)
        if remaining > 0:
            raise self.open_error(self.name, url=url, retry_in=remaining)

    def record_success(self) -> None:
        """Close the circuit and reset the failure count."""
        self.store.set(self.name, BreakerState())

    def record_failure(self) -> None:
        """Count a failure; open (or reopen, when half-open) at the threshold."""
        # Read-modify-write; a Redis store should make this atomic (INCR) across processes.
        with self._lock:
            state = self._state()
            failures = state.failures + 1
            opened_at = time.time() if failures >= self.failure_threshold else None
            self.store.set(self.name, BreakerState(failures=failures, opened_at=opened_at))
        if opened_at is not None and self.logs_opening:
            logger.warning("circuit %s open after %d consecutive failures", self.name, failures)
