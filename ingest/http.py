"""The project's one HTTP retry policy, plus a rate limiter and a circuit breaker.

Every upstream client (CT.gov, PubMed, ...) calls :func:`fetch`; nothing else retries.
Retried: timeouts, connection errors, 429 (honouring Retry-After) and 5xx.
Never retried: other 4xx and anything that goes wrong after a body was received (parse errors).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import requests

from ingest.errors import CircuitOpen, UpstreamError, UpstreamTransient

logger = logging.getLogger(__name__)

# Failures worth another attempt; ConnectTimeout is both a Timeout and a ConnectionError.
TRANSIENT_EXCEPTIONS: tuple[type[Exception], ...] = (
    requests.Timeout,
    requests.ConnectionError,
    requests.exceptions.ChunkedEncodingError,
)

Timeout = float | tuple[float, float]

# Jitter needs no cryptographic strength, but SystemRandom keeps the security linter quiet.
_rng = random.SystemRandom()


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long :func:`fetch` retries a transient failure."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    # A Retry-After longer than this is not slept through: we give up and let the task retry.
    max_retry_after: float = 120.0


DEFAULT_POLICY = RetryPolicy()


def backoff_delay(policy: RetryPolicy, attempt: int) -> float:
    """Return an exponential backoff with full jitter for the given 1-based failed attempt."""
    ceiling = min(policy.max_delay, policy.base_delay * (2 ** (attempt - 1)))
    return _rng.uniform(0.0, ceiling)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the wait in seconds asked by a Retry-After header (seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        logger.warning("ignoring unparseable Retry-After %r", value)
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; be explicit so arithmetic stays aware
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


class RateLimiter:
    """Spaces calls at least 1/per_second apart (in-process; thread-safe)."""

    def __init__(self, per_second: float) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.interval = 1.0 / per_second
        self._next_slot = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Block until the next slot is free; return the seconds waited."""
        with self._lock:
            now = time.monotonic()
            wait = max(0.0, self._next_slot - now)
            self._next_slot = max(now, self._next_slot) + self.interval
        if wait:
            time.sleep(wait)
        return wait


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
            raise CircuitOpen(self.name, url=url, retry_in=remaining)

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
        if opened_at is not None:
            logger.warning("circuit %s open after %d consecutive failures", self.name, failures)


def fetch(
    session: requests.Session,
    method: str,
    url: str,
    *,
    params: dict[str, Any] | None = None,
    timeout: Timeout = (5.0, 30.0),
    policy: RetryPolicy = DEFAULT_POLICY,
    stream: bool = False,
    headers: dict[str, str] | None = None,
    limiter: RateLimiter | None = None,
    breaker: CircuitBreaker | None = None,
) -> requests.Response:
    """Send one request with the project retry policy; return a response with status < 400.

    With ``stream=True`` the body is not read yet: wrap it in :class:`ResponseStream` and
    close the response when done. Raises UpstreamTransient, UpstreamError or CircuitOpen.
    """
    if breaker is not None:
        breaker.check(url)
    try:
        response = _fetch_with_retries(
            session,
            method,
            url,
            params=params,
            timeout=timeout,
            policy=policy,
            stream=stream,
            headers=headers,
            limiter=limiter,
        )
    except UpstreamTransient:
        if breaker is not None:
            breaker.record_failure()
        raise
    except UpstreamError:
        # The upstream answered (e.g. 404): it is healthy even if our request was wrong.
        if breaker is not None:
            breaker.record_success()
        raise
    if breaker is not None:
        breaker.record_success()
    return response


def _fetch_with_retries(
    session: requests.Session,
    method: str,
    url: str,
    *,
    params: dict[str, Any] | None,
    timeout: Timeout,
    policy: RetryPolicy,
    stream: bool,
    headers: dict[str, str] | None,
    limiter: RateLimiter | None,
) -> requests.Response:
    # Messages and logs carry the URL without its query string: it may hold an api_key.
    for attempt in range(1, policy.max_attempts + 1):
        if limiter is not None:
            limiter.acquire()
        status: int | None = None
        asked_wait: float | None = None
        try:
            response = session.request(
                method, url, params=params, timeout=timeout, stream=stream, headers=headers
            )
        except TRANSIENT_EXCEPTIONS as exc:
            reason = type(exc).__name__
        except requests.RequestException as exc:
            raise UpstreamError(f"request failed: {type(exc).__name__}", url=url) from exc
        else:
            status = response.status_code
            if status < 400:
                return response
            response.close()
            if status != 429 and status < 500:
                raise UpstreamError(f"HTTP {status}", url=url, status=status)
            reason = f"HTTP {status}"
            if status in (429, 503):
                asked_wait = parse_retry_after(response.headers.get("Retry-After"))
        if attempt == policy.max_attempts:
            raise UpstreamTransient(
                f"gave up after {attempt} attempts: {reason}", url=url, status=status
            )
        if asked_wait is not None and asked_wait > policy.max_retry_after:
            # Sleeping this long would block a worker; retrying earlier would ignore the ask.
            raise UpstreamTransient(
                f"{reason} with Retry-After {asked_wait:.0f}s over the cap", url=url, status=status
            )
        delay = asked_wait if asked_wait is not None else backoff_delay(policy, attempt)
        logger.warning(
            "retrying %s after %s (attempt %d/%d)",
            url,
            f"{reason}; waiting {delay:.2f}s",
            attempt,
            policy.max_attempts,
        )
        time.sleep(delay)
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


class ResponseStream:
    """A minimal binary file (``read``) over a streamed response for ijson / iterparse.

    A connection lost mid-body surfaces as UpstreamTransient, not as a parser error.
    """

    def __init__(self, response: requests.Response, *, url: str, chunk_size: int = 64 * 1024):
        self._chunks = response.iter_content(chunk_size)
        self._buffer = bytearray()
        self._url = url
        self._done = False

    def read(self, size: int = -1) -> bytes:
        """Return up to ``size`` bytes (all remaining bytes when size < 0)."""
        while not self._done and (size < 0 or len(self._buffer) < size):
            try:
                chunk = next(self._chunks, None)
            except TRANSIENT_EXCEPTIONS as exc:
                raise UpstreamTransient(
                    f"connection lost while reading body: {type(exc).__name__}", url=self._url
                ) from exc
            if chunk is None:
                self._done = True
            else:
                self._buffer += chunk
        take = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        data = bytes(self._buffer[:take])
        del self._buffer[:take]
        return data
