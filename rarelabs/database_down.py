"""While PostgreSQL is unreachable, fail fast: cached pages keep answering, the rest answer 503.

Each web worker shares a pool of a few connections among its threads (settings.DB_POOL_SIZE), and
a thread waits up to the pool timeout (2 s) for one. With PostgreSQL down every uncached request
would hold a thread that long and cached pages would queue behind them. So the first request that
cannot get a connection opens a breaker; for a short cool-down the others answer 503 at once,
then one request tries again (the rest keep failing fast) and its success closes the breaker.

This is middleware placed just after PageCacheMiddleware, not a wrapper round the connection: a
request refused here never reaches sessions, auth or the view, so it touches no database and
holds no thread; the cached page is answered before it is even asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from rarelabs import outages
from rarelabs.breaker import BreakerState, CircuitBreaker, InMemoryBreakerStore

COOL_DOWN_SECONDS = 3.0
# /healthz answers for itself (it reports the open breaker as "database down", rarelabs/health.py).
_ANSWERS_FOR_ITSELF = ("/healthz",)


class ProbingBreaker(CircuitBreaker):
    """A breaker whose half-open state lets one call through, not every call: with a 2 s pool
    timeout, letting all through after each cool-down would stall the threads again."""

    # Each failed probe reopens it: the outage's one line says it (rarelabs/outages.py).
    logs_opening = False

    def allow(self) -> bool:
        """True if the call may go ahead: the circuit is closed, or this call is the one probe."""
        with self._lock:
            state = self._state()
            if state.opened_at is None:
                return True
            if time.time() - state.opened_at < self.reset_after:
                return False
            # Cool-down over: this call probes, and the circuit stays open for the others.
            self.store.set(self.name, BreakerState(state.failures, opened_at=time.time()))
            return True


# One per worker process: each learns for itself that PostgreSQL is down, within one request.
database_breaker = ProbingBreaker(
    "postgresql", failure_threshold=1, reset_after=COOL_DOWN_SECONDS,
    store=InMemoryBreakerStore(),
)  # fmt: skip


def is_unreachable(exc: BaseException) -> bool:
    """Whether an error means no connection could be had (refused, or the pool timed out), as
    opposed to an error in a query on a connection that works."""
    return isinstance(exc, OperationalError) and connection.connection is None


def unavailable_response() -> HttpResponse:
    """The 503 page (api/middleware.py turns it into the API's JSON error for JSON addresses)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(int(COOL_DOWN_SECONDS))
    add_never_cache_headers(response)
    # Expected while the breaker is open, and its opening is logged once: not an error a request.
    response._has_been_logged = True  # type: ignore[attr-defined]  # read by django.utils.log
    return response


class DatabaseDownMiddleware:
    """Answer 503 at once while the database breaker is open; open it when a request could not
    get a connection, close it when one did."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path not in _ANSWERS_FOR_ITSELF and not database_breaker.allow():
            return unavailable_response()
        response = self.get_response(request)
        # The thread keeps its connection until the request finishes: holding one means it got one.
        if connection.connection is not None:
            database_breaker.record_success()
            outages.postgresql.up()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view that could not reach the database: open the breaker and answer 503."""
        if not is_unreachable(exception):
            return None
        outages.postgresql.down(exception)
        database_breaker.record_failure()
        return unavailable_response()
