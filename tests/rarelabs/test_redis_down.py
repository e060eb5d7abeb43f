"""With Redis killed for real, pages and the API answer 200 uncached; a restart brings the cache back."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from rarelabs import embedded
from tests.factories.knowledge import ConditionFactory, TherapyFactory
from tests.factories.records import ArticleFactory


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
