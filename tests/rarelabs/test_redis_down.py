"""With Redis killed for real, pages and the API answer 200 uncached; a restart brings the cache back."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from rarelabs import embedded
from tests._shared import REPO, database_url, lines_once_settled
from tests.conftest import TEST_QUEUE
from tests.factories.knowledge import ConditionFactory, TherapyFactory
from tests.factories.records import ArticleFactory
from tests.rarelabs.webserver import free_address, get, web_server


@dataclass(frozen=True)
class EmbeddedRedis:
    var_dir: Path

    def kill(self) -> None:
        """SIGKILL the server named by its pid file and wait until it is gone."""
        pid = int((embedded._redis_dir(self.var_dir) / "redis.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while embedded._pid_is(pid, "redis-server") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not embedded._pid_is(pid, "redis-server")

    def restart(self) -> None:
        """The restart docs/operations.md describes."""
        embedded.ensure_redis(self.var_dir)


@pytest.fixture
def redis_server(settings, tmp_path: Path) -> Iterator[EmbeddedRedis]:
    """A private embedded Redis, the cache's server for this test, to kill -9: the clone's own
    one is shared by parallel test workers and by the Celery worker of other tests."""
    socket_path = embedded.ensure_redis(tmp_path)
    settings.CACHES = {"default": {**django_settings.CACHES["default"],
                                   "LOCATION": f"unix://{socket_path}?db=0"}}  # fmt: skip
    server = EmbeddedRedis(tmp_path)
    yield server
    embedded.stop_redis(tmp_path)


@pytest.mark.django_db
def test_pages_and_api_answer_uncached_while_redis_is_dead(
    redis_server: EmbeddedRedis,
) -> None:
    condition = ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")
    TherapyFactory(slug="stiripentol", name="stiripentol")
    ArticleFactory(slug="living-with-dravet")
    pages = ["/", f"/conditions/{condition.slug}/", "/therapies/stiripentol/",
             "/articles/living-with-dravet/", "/conditions/"]  # fmt: skip
    api = ["/api/v1/conditions/", "/api/v1/conditions/dravet-syndrome/", "/api/v1/genes/",
           "/api/v1/therapies/stiripentol/", "/api/v1/search/?q=dravet",
           "/api/v1/search/autocomplete/?q=dra", "/treatments/autocomplete/condition?q=dra"]  # fmt: skip
    client = Client(raise_request_exception=False)
    for url in pages:
        client.get(url)
    assert client.get(pages[1])["X-Page-Cache"] == "hit"  # the cache works before the kill

    redis_server.kill()
    for url in pages + api:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss", url
    assert b"Dravet syndrome" in client.get(pages[1]).content


@pytest.mark.django_db
def test_the_cache_works_again_after_the_documented_restart(
    redis_server: EmbeddedRedis,
) -> None:
    ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")
    redis_server.kill()
    client = Client()
    assert client.get("/conditions/dravet-syndrome/").status_code == 200
    redis_server.restart()
    client.get("/conditions/dravet-syndrome/")
    assert client.get("/conditions/dravet-syndrome/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_the_real_server_says_once_that_redis_is_down_and_once_that_it_is_back(
    tmp_path: Path,
) -> None:
    """Was: django-redis logged an ERROR with a traceback for each cache call (hundreds of
    lines a second) and Django an ERROR for each /healthz poll; pages did answer, uncached."""
    ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")
    redis_server = EmbeddedRedis(tmp_path / "redis")
    socket_path = embedded.ensure_redis(redis_server.var_dir)
    env = {
        "RARELABS_DB_NAME": connection.settings_dict["NAME"],
        "REDIS_URL": f"unix://{socket_path}",
    }
    log_path = tmp_path / "web.log"
    try:
        with log_path.open("w") as log, web_server(free_address(), env, 1, stderr=log) as url:
            page = url + "/conditions/dravet-syndrome/"
            get(page)
            assert get(page)[1].get("X-Page-Cache") == "hit"
            before = len(_log_lines(log_path))
            redis_server.kill()
            killed = time.monotonic()
            while time.monotonic() - killed < 5:
                assert get(url + "/healthz")[0] == 503  # it names the broker
                for address in (page, "/api/v1/conditions/", "/search?q=my+son+cannot+walk"):
                    assert get(address if address.startswith("http") else url + address)[0] == 200
                time.sleep(0.2)
            redis_server.restart()
            deadline = time.monotonic() + 10
            while get(page)[1].get("X-Page-Cache") != "hit":
                assert time.monotonic() < deadline
                time.sleep(0.3)
            assert get(url + "/healthz")[0] == 200
            # The line is written after the answer: wait for it, then for the log to settle.
            lines = lines_once_settled(lambda: _log_lines(log_path)[before:], "reachable again")
    finally:
        embedded.stop_redis(redis_server.var_dir)
    assert len(lines) == 2, lines[:20]
    down, back = lines
    assert " WARNING rarelabs.outages: Redis unreachable (web worker pid " in down
    assert "pages answer uncached" in down
    assert " INFO rarelabs.outages: Redis reachable again " in back
    assert "walk" not in log_path.read_text()


def _log_lines(log_path: Path) -> list[str]:
    """Django's and the libraries' lines, not gunicorn's own start and stop lines."""
    return [line for line in log_path.read_text().splitlines() if not line.startswith("[")]


def test_a_real_worker_says_once_that_redis_is_down_and_once_that_it_is_back(
    celery_worker_factory: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    """Was: an ERROR of three lines for each reconnect attempt (every 2, 4 ... 30 s) and a
    7-line deprecation warning at each loss."""
    # Its own var/ folder: its own embedded Redis (the broker and cache) to kill, even where
    # REDIS_URL names a shared server (CI's 3.12 stage): empty means embedded.
    url = database_url(configured_first=True)
    celery_worker_factory({"RARELABS_VAR_DIR": str(tmp_path), "DATABASE_URL": url, "REDIS_URL": ""})
    log_path = REPO / "var" / f"test-worker-{TEST_QUEUE}.log"
    redis_server = EmbeddedRedis(tmp_path)
    try:
        before = len(log_path.read_text().splitlines())
        redis_server.kill()
        time.sleep(8)  # the worker's reconnect attempts after 2 and 4 s fail
        redis_server.restart()
        lines = lines_once_settled(  # before its Redis stops for good
            lambda: log_path.read_text().splitlines()[before:], "Redis reachable again", 30.0
        )
    finally:
        embedded.stop_redis(tmp_path)
    assert len(lines) == 2, lines
    down, back = lines
    assert "WARNING/MainProcess] Redis unreachable " in down
    assert "background jobs wait" in down
    assert "Redis unreachable (celery worker pid " in down  # not to be taken for a web worker
    assert re.search(r"INFO/MainProcess\] Redis reachable again \(celery worker pid \d+\) "
                     r"after \d+ s down", back)  # fmt: skip
