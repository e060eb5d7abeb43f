"""A request rate shared by every worker process: a token bucket of one token, kept in Redis.

Each call takes the next free slot (slots are 1/rate apart) in one Lua script, timed by the Redis
server's clock, so N workers together stay under the upstream's limit (NCBI: 3 requests a second
without an API key, 10 with one) instead of N times it. Same interface as ingest.http.RateLimiter.
"""

from __future__ import annotations

import time

import redis

# KEYS[1]: the next free slot (ms on the Redis clock); ARGV[1]: the interval in ms.
# Returns how many ms the caller waits before its slot.
_TAKE_SLOT = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + 1000)
return slot - now
"""


class RedisRateLimiter:
    """Spaces calls at least 1/per_second apart across every process sharing ``name``."""

    def __init__(
        self,
        name: str,
        per_second: float,
        *,
        client: redis.Redis | None = None,
        prefix: str = "rarelabs:rate:",
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.key = prefix + name
        self.interval_ms = max(1, round(1000 / per_second))
        self._client = client

    @property
    def client(self) -> redis.Redis:
        if self._client is None:
            from ingest.locks import default_redis

            self._client = default_redis()
        return self._client

    def acquire(self) -> float:
        """Block until this caller's slot; return the seconds waited."""
        wait = int(self.client.eval(_TAKE_SLOT, 1, self.key, self.interval_ms)) / 1000
        if wait > 0:
            time.sleep(wait)
        return wait
