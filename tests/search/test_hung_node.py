"""A node that accepts connections and never answers: searches degrade to PostgreSQL quickly,
the breaker stops waiting on it, and pages that do not search never connect to it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.test import Client

from rarelabs.breaker import CircuitBreaker
from search.indexer import rebuild
from tests.factories.knowledge import ConditionFactory, TherapyFactory
from tests.factories.records import ArticleFactory

POSTGRES = "search.backends.postgres.backend.PostgresBackend"
# The node's timeout here. A request that honours it ends within a few of these on any machine;
# the client's own default (10 s) would not, so bounds below are multiples of it.
TIMEOUT = 1.0
OPENSEARCH = "search.backends.opensearch.backend.OpenSearchBackend"


class SilentNode:
    """A real TCP listener on 127.0.0.1 that accepts every connection and never sends a byte."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.server.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        # How long each client kept its connection before giving up on it: the wait the node
        # cost, without the rest of the request (a process's first use of the engine client
        # alone took 6.8 s on a loaded machine).
        self.held: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            self.accepted.append(conn)  # held open, never answered
            threading.Thread(target=self._time_until_closed, args=(conn, time.monotonic()),
                             daemon=True).start()  # fmt: skip

    def _time_until_closed(self, conn: socket.socket, accepted_at: float) -> None:
        try:
            while conn.recv(65536):  # the request, read and never answered
                pass
        except OSError:
            pass  # closed by close() below
        self.held.append(time.monotonic() - accepted_at)

    def waits(self, count: int) -> list[float]:
        """The first ``count`` connections' waits, once their clients have closed them."""
        deadline = time.monotonic() + 60
        while len(self.held) < count:
            assert time.monotonic() < deadline, self.held
            time.sleep(0.05)
        return self.held

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self.accepted:
            conn.close()
        self.server.close()


@pytest.fixture
def hung_node(settings, db: None) -> Iterator[SilentNode]:
    settings.SEARCH_BACKEND = POSTGRES
    ConditionFactory(primary_id="ORPHA:33069", name="Dravet syndrome", slug="dravet-syndrome")
    TherapyFactory(slug="stiripentol", name="stiripentol")
    ArticleFactory(slug="living-with-dravet")
    rebuild(progress=False)
    # A process's first searches load the search tables (seconds on a loaded machine): pay that
    # before the node is in the way, so the bounds below time only the wait on the node. Other
    # words than the tests', whose answers must not come from the page cache.
    Client().get("/api/v1/search/", {"q": "stiripentol"})
    Client().get("/search", {"q": "stiripentol"})
    Client().get("/api/v1/search/autocomplete/", {"q": "stiri"})
    node = SilentNode()
    CircuitBreaker(f"opensearch@{node.url}").record_success()  # a reused port starts closed
    settings.SEARCH_BACKEND = OPENSEARCH
    settings.OPENSEARCH_URL = node.url
    settings.OPENSEARCH_TIMEOUT_SECONDS = TIMEOUT
    settings.OPENSEARCH_BREAKER_THRESHOLD = 3
    yield node
    node.close()


def test_searches_fall_back_fast_then_stop_waiting_on_the_node(hung_node: SilentNode) -> None:
    client = Client()
    connections = []
    for _ in range(8):
        response = client.get("/api/v1/search/", {"q": "dravet"})
        connections.append(len(hung_node.accepted))
        body = response.json()
        assert response.status_code == 200
        assert body["degraded"] is True
        assert body["results"][0]["id"] == "ORPHA:33069"
    # Was 10 s per request, times two with the retry: each of the first three waited once, for
    # the configured timeout (a retry would be a second connection).
    assert max(hung_node.waits(3)) < 5 * TIMEOUT, hung_node.held
    # Then the breaker is open: no request connects, so none can wait on the node.
    assert connections == [1, 2, 3, 3, 3, 3, 3, 3]
    assert CircuitBreaker(f"opensearch@{hung_node.url}").is_open


def test_pages_that_do_not_search_never_touch_the_engine(hung_node: SilentNode) -> None:
    client = Client()
    for url in ("/", "/conditions/dravet-syndrome/", "/therapies/stiripentol/",
                "/articles/living-with-dravet/", "/conditions/", "/therapies/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
        assert hung_node.accepted == [], url  # never connected, so never waited


def test_the_search_page_and_autocomplete_answer_within_the_timeout(hung_node: SilentNode) -> None:
    client = Client()
    page = client.get("/search", {"q": "dravet"})
    suggestions = client.get("/api/v1/search/autocomplete/", {"q": "drav"})
    assert len(hung_node.accepted) == 2  # one connection each: no retry
    assert max(hung_node.waits(2)) < 5 * TIMEOUT, hung_node.held  # each waited once, not 10 s
    assert b"Dravet syndrome" in page.content
    assert suggestions.json()["results"][0]["name"] == "Dravet syndrome"
