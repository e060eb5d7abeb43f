"""An outage of PostgreSQL or Redis says so in two log lines per process: one when it goes down
(WARNING: which, why, what visitors get), one when it is back (INFO: how long it was down).

Issue 14/17 follow-up: while a dependency was down, psycopg's pool logged each reconnect attempt
(several a second per worker), django-redis a traceback per cache call (hundreds a second) and
Django an ERROR per `/healthz` poll. The code that first sees the failure calls `down()`, the code
that sees the next success calls `up()`, and the filters below drop the per-attempt noise.

Each process (a web worker, a Celery worker) learns for itself, so a site with three web workers
logs up to three "down" lines, each naming its role and pid ("web worker pid 6181"). One line
for the whole site was weighed and left: a mark shared under var/ is held by every process that
saw the outage until it sees the dependency again, so an idle worker would hold it for minutes
and swallow the next outage's line; cleared by the first process back instead, a worker whose
pool reconnects seconds later would have to say "down" again, and every recovery would flap.
The lines never carry request data: only the dependency, the first line of the connection error
and the durations.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django_redis import get_redis_connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


_role = ""  # set once by the process's entry point


def role_set(role: str) -> None:
    """Name this process's part in its outage lines ("web worker", "celery worker")."""
    global _role  # one per process, set at its start (forks inherit it)
    _role = role


def process_label() -> str:
    """Which process speaks: its role (else its program) and pid, e.g. "web worker pid 6181"."""
    program = " ".join([Path(sys.argv[0]).name, *sys.argv[1:2]]) if sys.argv else "python"
    return f"{_role or program} pid {os.getpid()}"


class Outage:
    """One dependency's state as this process has seen it."""

    def __init__(self, name: str, meanwhile: str) -> None:
        self.name = name
        self.meanwhile = meanwhile  # what visitors get while it is down
        self._down_since: float | None = None
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        """True from the first failure seen until the next success."""
        return self._down_since is not None

    def down(self, error: BaseException | str) -> None:
        """A call could not reach the dependency: log it if it was not already known down."""
        with self._lock:
            if self._down_since is not None:
                return
            self._down_since = time.monotonic()
        logger.warning("%s unreachable (%s): %s. Cause: %s", self.name, process_label(),
                       self.meanwhile, first_line(error))  # fmt: skip

    def up(self) -> None:
        """A call reached the dependency: log that it is back if it was down."""
        if self._down_since is None:  # the common case: no lock taken
            return
        with self._lock:
            since, self._down_since = self._down_since, None
        if since is not None:
            logger.info("%s reachable again (%s) after %.0f s down", self.name, process_label(),
                        time.monotonic() - since)  # fmt: skip


def first_line(error: BaseException | str) -> str:
    """The first line of an error (psycopg's add a hint line), or its type when it has no text."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


postgresql = Outage(
    "PostgreSQL", "pages not in the page cache answer 503, cached pages still answer"
)
redis = Outage("Redis", "pages answer uncached and unthrottled, background jobs wait")


class PoolReconnectFilter(logging.Filter):
    """On the `psycopg.pool` logger: a failed (re)connection attempt is PostgreSQL being down.
    Mark the outage (one line) and drop the attempt's own line; keep the pool's other lines."""

    _ATTEMPT_LINES = ("error connecting in %r: %s", "reconnection attempt in pool %r failed")

    def filter(self, record: logging.LogRecord) -> bool:
        """False (drop) for the pool's reconnect attempts."""
        if not isinstance(record.msg, str) or not record.msg.startswith(self._ATTEMPT_LINES):
            return True
        if record.msg.startswith("error connecting") and len(record.args or ()) == 2:
            postgresql.down(str(record.args[1]))  # type: ignore[index]
        return False


class RedisIgnoredErrorFilter(logging.Filter):
    """On the `django_redis.cache` logger: a cache call that could not reach Redis marks the
    outage (one line) instead of logging its traceback. Other ignored errors (a full Redis
    refusing writes, a bad value) are real errors and keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False (drop) for a cache call's connection error or timeout."""
        error = record.exc_info[1] if record.exc_info else None
        cause = error.__cause__ if error is not None else None
        if isinstance(cause, RedisConnectionError | RedisTimeoutError | TimeoutError):
            redis.down(cause)
            return False
        return True


class BrokerReconnectFilter(logging.Filter):
    """On Celery's consumer loggers: losing the broker (Redis) and each failed reconnect (every
    2, 4 ... 30 s, three lines each) are one outage line; reconnecting is its "back" line."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False (drop) for the consumer's lost, cannot-connect and reconnected lines."""
        args = record.args if isinstance(record.args, tuple) else ()
        text = str(args[0]) if args else ""
        if record.msg == "%s (%r)" and text.startswith("consumer: Connection to broker lost"):
            redis.down(args[1])
            return False
        if isinstance(record.msg, str) and record.msg.startswith("consumer: Cannot connect to"):
            redis.down(args[1] if len(args) > 1 else "cannot connect")
            return False
        if record.msg == "Connected to %s" and redis.is_down:
            redis.up()
            return False
        # Said after each reconnect; nothing an operator acts on.
        return not (isinstance(record.msg, str) and record.msg.startswith(self._PREFETCH_NOTE))

    _PREFETCH_NOTE = "Skipping prefetch count reduction after connection restart"


PROBE_EVERY_SECONDS = 1.0


class RedisRecoveryMiddleware:
    """While Redis is known down, one request a second pings it (0.5 s at most, the cache's
    socket timeout), so "back" is logged when it is back: a cache call that works says nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._probing = threading.Lock()
        self._last_probe = 0.0

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if redis.is_down and time.monotonic() - self._last_probe >= PROBE_EVERY_SECONDS:
            self._probe()
        return self.get_response(request)

    def _probe(self) -> None:
        if not self._probing.acquire(blocking=False):  # another thread is probing
            return
        try:
            self._last_probe = time.monotonic()
            get_redis_connection("default").ping()
        except RedisError:
            pass  # still down: already said
        else:
            redis.up()
        finally:
            self._probing.release()
