"""The real server command of `make run`: it keeps answering while slow clients hold
connections, and its threads share a few database connections per worker."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from rarelabs.supervisor import WEB_DB_POOL_SIZE
from tests.rarelabs.webserver import free_address, web_server

SLOW_CLIENTS = 12  # the issue saw 6 block every sync worker
WORKERS = 2


def _application_name(url: str) -> str:
    """The name this test's server gives its PostgreSQL sessions (libpq reads PGAPPNAME), so
    they can be told from other backends of the test database (a live server's, in CI)."""
    return f"rarelabs-web-{url.rsplit(':', 1)[1]}"


@pytest.fixture
def site(transactional_db: None) -> Iterator[str]:
    address = free_address()
    env = {"RARELABS_DB_NAME": connection.settings_dict["NAME"],
           "PGAPPNAME": _application_name(address.url)}  # fmt: skip
    with web_server(address, env, WORKERS) as url:
        yield url


def _slow_client(port: int) -> socket.socket:
    """Sends the start of a request and then nothing, like a slow phone link or slowloris."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /conditions/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
    return sock


def test_pages_answer_while_slow_clients_hold_connections(site: str) -> None:
    port = int(site.rsplit(":", 1)[1])
    slow = [_slow_client(port) for _ in range(SLOW_CLIENTS)]
    try:
        time.sleep(1)
        # Sync workers: a slow client holds one until the client goes or gunicorn's 30 s worker
        # timeout, so every request here timed out; free workers answer all ten. Whether they
        # answered, not how fast a loaded machine let them, is what shows the workers were free.
        for _ in range(10):
            with urllib.request.urlopen(f"{site}/healthz", timeout=10) as response:  # noqa: S310
                assert response.status == 200
    finally:
        for sock in slow:
            sock.close()


def test_a_long_api_address_gets_the_apis_json_414_from_the_real_server(site: str) -> None:
    """Was: gunicorn refused request lines over 4094 with its own HTML 414, which the API schema
    does not document (Schemathesis: undocumented Content-Type on /api/v1/treatments/)."""
    url = f"{site}/api/v1/treatments/?phenotypes={'a' * 2000}&excluded_phenotypes={'b' * 2500}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)  # noqa: S310
    assert refused.value.code == 414
    assert refused.value.headers["Content-Type"] == "application/json"
    assert b'"uri_too_long"' in refused.value.read()


def test_the_threads_of_a_worker_share_a_few_database_connections(site: str) -> None:
    """Was: every gunicorn thread that served a page kept a PostgreSQL backend of its own (up
    to 48), each cold on its first pages: the first seconds from a cold start cost ~30 % more
    CPU a page (issue 14 item 10, docs/benchmarks.md)."""

    run = uuid.uuid4().hex[:8]  # pages no earlier run has cached: each one is rendered

    def get(n: int) -> int:
        with urllib.request.urlopen(f"{site}/search?q=word{n}{run}", timeout=30) as response:  # noqa: S310
            return response.status

    def sessions() -> int:
        # Only this server's: in CI a live server of earlier browser tests keeps one too.
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                           [_application_name(site)])  # fmt: skip
            return cursor.fetchone()[0]

    seen = []  # sampled while the burst runs: without a pool each busy thread holds a backend
    with ThreadPoolExecutor(max_workers=40) as clients:
        answers = [clients.submit(get, n) for n in range(160)]
        while not all(answer.done() for answer in answers):
            seen.append(sessions())
        assert {answer.result() for answer in answers} == {200}
    seen.append(sessions())
    assert 0 < max(seen) <= WORKERS * WEB_DB_POOL_SIZE, max(seen)
