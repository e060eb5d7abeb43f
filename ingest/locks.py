"""One Redis lock per refresh scope, so the same refresh never runs twice at once.

Non-blocking: a second run of a scope that is already running is skipped. It logs one line
and creates no RefreshRun (the run holding the lock has its own row, in the running state).
The lock expires on its own if a worker dies, and is extended after every committed batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import redis
from django.conf import settings
from django.db import connection
from redis.exceptions import LockError

from rarelabs.redis_urls import LOCKS_DB, with_db

logger = logging.getLogger(__name__)

# Not the cache's database: a cache.clear() (FLUSHDB) must not drop held locks.
LOCKS_REDIS_DB = LOCKS_DB
# Longer than any one batch takes; refreshed after each batch by RefreshLock.extend().
LOCK_TIMEOUT_SECONDS = 30 * 60


@cache
def redis_client(url: str) -> redis.Redis:
    """A shared redis-py client for ``url`` (one connection pool per process)."""
    return redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=5)


def default_redis() -> redis.Redis:
    """The client for locks and breakers: settings.REDIS_CLIENT_URL, database LOCKS_REDIS_DB."""
    return redis_client(with_db(settings.REDIS_CLIENT_URL, LOCKS_REDIS_DB))


class RefreshLock:
    """A held lock; call extend() between batches so a long refresh keeps it."""

    def __init__(self, lock: redis.lock.Lock, key: str) -> None:
        self._lock = lock
        self.key = key

    def extend(self) -> None:
        """Reset the lock's time to live to LOCK_TIMEOUT_SECONDS."""
        try:
            self._lock.reacquire()
        except LockError:
            # Expired and maybe taken by another run: keep going, the upserts are idempotent.
            logger.warning("lock %s was lost while running", self.key)


def lock_key(scope: str) -> str:
    """The Redis key for a scope; the database name keeps test and dev runs apart."""
    return f"rarelabs:refresh-lock:{connection.settings_dict['NAME']}:{scope}"


@contextmanager
def refresh_lock(scope: str) -> Iterator[RefreshLock | None]:
    """Hold the scope's lock for the block; yield None (and log) when it is already held."""
    key = lock_key(scope)
    lock = default_redis().lock(key, timeout=LOCK_TIMEOUT_SECONDS, blocking=False)
    if not lock.acquire(blocking=False):
        logger.info("skipped %s: a refresh of this scope is already running", scope)
        yield None
        return
    try:
        yield RefreshLock(lock, key)
    finally:
        try:
            lock.release()
        except LockError:
            logger.warning("lock %s had expired before release", key)


# How long a start waits for a killed holder's lock to be let go (see session_lock).
SESSION_LOCK_WAIT_SECONDS = 15.0


def _try_advisory_lock(key: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", [key])
        return bool(cursor.fetchone()[0])


@contextmanager
def session_lock(name: str, *, wait_seconds: float = SESSION_LOCK_WAIT_SECONDS) -> Iterator[bool]:
    """A PostgreSQL advisory lock held by this process's connection; yields False if taken.

    Unlike the Redis lock it cannot outlive its holder. A killed process's server backend lets
    the lock go once it notices the client is gone; while it runs a long statement it only
    notices through client_connection_check_interval, which the holder sets on its own session.
    So a start polls for up to ``wait_seconds`` before it gives up on a lock held by others.
    """
    key = f"rarelabs:{name}"
    deadline = time.monotonic() + wait_seconds
    acquired = _try_advisory_lock(key)
    while not acquired and time.monotonic() < deadline:
        time.sleep(0.25)
        acquired = _try_advisory_lock(key)
    if not acquired:
        logger.info("skipped %s: another process holds it", name)
    else:
        with connection.cursor() as cursor:
            # A killed holder's backend then stops its statement (and lets go) within a second.
            cursor.execute("SET client_connection_check_interval = '1s'")
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [key])
