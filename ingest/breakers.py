"""A Redis-backed circuit breaker store, so every worker process sees the same circuit.

State is a Redis hash per breaker name with a time to live, so a circuit that nobody uses
any more is forgotten rather than left open.
"""

from __future__ import annotations

import logging

import redis
from django.conf import settings

from ingest.http import CircuitBreaker, RetryPolicy
from ingest.locks import default_redis
from rarelabs.breaker import BreakerState

logger = logging.getLogger(__name__)

STATE_TTL_SECONDS = 24 * 3600
FAILURE_THRESHOLD = 5
RESET_AFTER_SECONDS = 300.0


class RedisBreakerStore:
    """Implements rarelabs.breaker.BreakerStore on Redis."""

    def __init__(self, client: redis.Redis | None = None, prefix: str = "rarelabs:breaker:"):
        self._client = client
        self.prefix = prefix

    @property
    def client(self) -> redis.Redis:
        """The redis-py client (settings.REDIS_CLIENT_URL unless one was given)."""
        return self._client if self._client is not None else default_redis()

    def get(self, name: str) -> BreakerState | None:
        """Return the stored state for ``name``, if any."""
        raw = self.client.hgetall(self.prefix + name)
        if not raw:
            return None
        failures = int(raw.get(b"failures", b"0"))
        opened = raw.get(b"opened_at", b"")
        return BreakerState(failures=failures, opened_at=float(opened) if opened else None)

    def set(self, name: str, state: BreakerState) -> None:
        """Store the state for ``name``."""
        key = self.prefix + name
        mapping = {
            "failures": state.failures,
            "opened_at": "" if state.opened_at is None else repr(state.opened_at),
        }
        pipe = self.client.pipeline()
        pipe.hset(key, mapping=mapping)
        pipe.expire(key, STATE_TTL_SECONDS)
        pipe.execute()

    def reset(self, name: str) -> None:
        """Forget the state for ``name`` (closes the circuit)."""
        self.client.delete(self.prefix + name)


def upstream_breaker(source: str, base_url: str) -> CircuitBreaker:
    """The shared breaker for one upstream; the URL is in the name so test servers get their own."""
    return CircuitBreaker(
        breaker_name(source, base_url),
        failure_threshold=settings.UPSTREAM_BREAKER_THRESHOLD,
        reset_after=settings.UPSTREAM_BREAKER_RESET_SECONDS,
        store=RedisBreakerStore(),
    )


def breaker_name(source: str, base_url: str) -> str:
    """The breaker's name for ``source`` served at ``base_url``."""
    return f"{source}@{base_url.rstrip('/')}"


def upstream_policy() -> RetryPolicy:
    """The retry policy for refreshes (attempts and base delay overridable in settings)."""
    return RetryPolicy(
        max_attempts=settings.UPSTREAM_MAX_ATTEMPTS,
        base_delay=settings.UPSTREAM_RETRY_BASE_DELAY,
    )
