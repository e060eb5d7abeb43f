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
from rarelabs.breaker import CircuitBreaker as _BaseBreaker

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


class Limiter(Protocol):
    """What fetch needs of a rate limiter (RateLimiter here, or ingest.ratelimit's shared one)."""

    def acquire(self) -> float: ...


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
            # A late wake-up must not shorten the gap to the next caller's request.
            with self._lock:
                self._next_slot = max(self._next_slot, time.monotonic() + self.interval)
        return wait


class CircuitBreaker(_BaseBreaker):
    """The shared breaker (rarelabs/breaker.py); an open circuit raises CircuitOpen here."""

    open_error = CircuitOpen


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
    limiter: Limiter | None = None,
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
    limiter: Limiter | None,
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
