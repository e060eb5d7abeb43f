"""The project's one HTTP retry policy, plus a rate limiter and a circuit breaker.

Every upstream client (CT.gov, PubMed, ...) calls :func:`fetch`; nothing else retries. The loop,
the exponential backoff with full jitter and the stop rules are tenacity's; Retry-After is read by
urllib3's parser. What stays ours: which failures count, the shared rate limiter (called before
every attempt) and the shared circuit breaker (one verdict per fetch, not per attempt).
Retried: timeouts, connection errors, 429 (honouring Retry-After) and 5xx.
Never retried: other 4xx and anything that goes wrong after a body was received (parse errors).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

import requests
import tenacity
from urllib3.exceptions import InvalidHeader
from urllib3.util.retry import Retry

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


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long :func:`fetch` retries a transient failure."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    # A Retry-After longer than this is not slept through: we give up and let the task retry.
    max_retry_after: float = 120.0

    def backoff(self) -> tenacity.wait.wait_base:
        """Exponential backoff with full jitter: uniform(0, min(max_delay, base * 2**(n-1)))."""
        return tenacity.wait_random_exponential(multiplier=self.base_delay, max=self.max_delay)


DEFAULT_POLICY = RetryPolicy()


class _FailedAttempt(Exception):
    """One attempt failed in a way worth another: why, the HTTP status, the wait asked for."""

    def __init__(self, reason: str, *, status: int | None, retry_after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return Retry().parse_retry_after(value)  # seconds or an HTTP-date
    except InvalidHeader:
        logger.warning("ignoring unparseable Retry-After %r", value)
        return None


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

    def attempt() -> requests.Response:
        if limiter is not None:
            limiter.acquire()
        return _attempt(session, method, url, params=params, timeout=timeout,
                        stream=stream, headers=headers)  # fmt: skip

    try:
        response = _retrying(policy, url)(attempt)
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


def _attempt(
    session: requests.Session,
    method: str,
    url: str,
    *,
    params: dict[str, Any] | None,
    timeout: Timeout,
    stream: bool,
    headers: dict[str, str] | None,
) -> requests.Response:
    """One request: the response, _FailedAttempt (worth another) or UpstreamError (not)."""
    try:
        response = session.request(
            method, url, params=params, timeout=timeout, stream=stream, headers=headers
        )
    except TRANSIENT_EXCEPTIONS as exc:
        raise _FailedAttempt(type(exc).__name__, status=None, retry_after=None) from exc
    except requests.RequestException as exc:
        raise UpstreamError(f"request failed: {type(exc).__name__}", url=url) from exc
    status = response.status_code
    if status < 400:
        return response
    response.close()
    if status != 429 and status < 500:
        raise UpstreamError(f"HTTP {status}", url=url, status=status)
    asked = _retry_after(response) if status in (429, 503) else None
    raise _FailedAttempt(f"HTTP {status}", status=status, retry_after=asked)


def _retrying(policy: RetryPolicy, url: str) -> tenacity.Retrying:
    """Tenacity configured by the policy; gives up with UpstreamTransient. Messages and logs
    carry the URL without its query string: it may hold an api_key."""
    backoff = policy.backoff()

    def asked_too_long(state: tenacity.RetryCallState) -> bool:
        # Sleeping this long would block a worker; retrying earlier would ignore the ask.
        failure = state.outcome.exception()
        return failure.retry_after is not None and failure.retry_after > policy.max_retry_after

    def wait(state: tenacity.RetryCallState) -> float:
        asked = state.outcome.exception().retry_after
        return asked if asked is not None else backoff(state)

    def log_retry(state: tenacity.RetryCallState) -> None:
        logger.warning(
            "retrying %s after %s; waiting %.2fs (attempt %d/%d)",
            url,
            state.outcome.exception().reason,
            state.upcoming_sleep,
            state.attempt_number,
            policy.max_attempts,
        )

    def give_up(state: tenacity.RetryCallState) -> None:
        failure = state.outcome.exception()
        if asked_too_long(state):
            message = f"{failure.reason} with Retry-After {failure.retry_after:.0f}s over the cap"
        else:
            message = f"gave up after {state.attempt_number} attempts: {failure.reason}"
        raise UpstreamTransient(message, url=url, status=failure.status) from failure

    return tenacity.Retrying(
        retry=tenacity.retry_if_exception_type(_FailedAttempt),
        stop=tenacity.stop_after_attempt(policy.max_attempts) | asked_too_long,
        wait=wait,
        before_sleep=log_retry,
        retry_error_callback=give_up,
    )


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
