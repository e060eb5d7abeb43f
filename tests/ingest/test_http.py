"""The retry / Retry-After policy, circuit breaker and rate limiter against a real local server."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import time
import uuid
from email.utils import format_datetime

import pytest
import requests
import tenacity
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ingest.errors import CircuitOpen, UpstreamError, UpstreamTransient
from ingest.http import CircuitBreaker, RateLimiter, ResponseStream, RetryPolicy, fetch
from rarelabs.breaker import BreakerState, InMemoryBreakerStore
from tests._shared import FIXTURE_DATA, assert_sent_as_granted, note_grants
from tests.ingest.refresh_server import closed_port_url

FAST = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=5.0)
STUDY = FIXTURE_DATA / "ctgov" / "studies" / "NCT00763412.json"


@pytest.fixture
def session() -> requests.Session:
    with requests.Session() as s:
        yield s


@pytest.fixture
def threaded_server() -> HTTPServer:
    """A server that can sleep in one handler while answering the next connection."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def _breaker(threshold: int = 2, reset_after: float = 0.3) -> CircuitBreaker:
    return CircuitBreaker(
        f"test-{uuid.uuid4()}", threshold, reset_after, store=InMemoryBreakerStore()
    )


def _chosen_waits(caplog) -> list[float]:
    """The sleeps fetch chose before each retry, read from its own log line: the choice, not the
    wall clock, which a loaded CI machine stretches."""
    return [
        r.args[2]
        for r in caplog.records
        if r.name == "ingest.http" and r.msg.startswith("retrying")
    ]


def test_success_returns_the_served_body(httpserver, session):
    httpserver.expect_request("/study").respond_with_data(STUDY.read_bytes())
    response = fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    assert response.content == STUDY.read_bytes()
    assert len(httpserver.log) == 1


def test_429_waits_for_retry_after_then_succeeds(httpserver, session):
    httpserver.expect_oneshot_request("/study").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request("/study").respond_with_data(STUDY.read_bytes())
    started = time.monotonic()
    response = fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    assert time.monotonic() - started >= 1.0
    assert response.status_code == 200
    assert [r.status_code for _, r in httpserver.log] == [429, 200]


def test_retry_after_beyond_the_cap_gives_up_without_sleeping(httpserver, session, caplog):
    httpserver.expect_request("/study").respond_with_data(
        "come back in an hour", status=429, headers={"Retry-After": "3600"}
    )
    with (
        caplog.at_level(logging.WARNING, logger="ingest.http"),
        pytest.raises(UpstreamTransient, match="over the cap") as info,
    ):
        fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    assert _chosen_waits(caplog) == []  # gave up at once: no sleep was chosen
    assert info.value.status == 429
    assert len(httpserver.log) == 1


def test_503_with_an_http_date_retry_after_waits_until_that_date(httpserver, session, caplog):
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    httpserver.expect_oneshot_request("/study").respond_with_data(
        "maintenance", status=503, headers={"Retry-After": format_datetime(when, usegmt=True)}
    )
    httpserver.expect_request("/study").respond_with_data(STUDY.read_bytes())
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="ingest.http"):
        response = fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    # HTTP-dates have whole seconds: the wait is between 1 and 2 s, never FAST's 0.05 s backoff.
    [wait] = _chosen_waits(caplog)
    assert 0.9 <= wait <= 2.0
    assert time.monotonic() - started >= 0.9
    assert response.status_code == 200


def test_an_unparseable_retry_after_falls_back_to_the_backoff(httpserver, session, caplog):
    httpserver.expect_oneshot_request("/study").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "soon"}
    )
    httpserver.expect_request("/study").respond_with_data(STUDY.read_bytes())
    with caplog.at_level(logging.WARNING, logger="ingest.http"):
        response = fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    [wait] = _chosen_waits(caplog)
    assert wait <= FAST.max_delay  # the backoff's wait, not a guess at what "soon" means
    assert response.status_code == 200
    assert any("unparseable Retry-After 'soon'" in r.getMessage() for r in caplog.records)


def test_500_then_success_is_retried(httpserver, session):
    httpserver.expect_oneshot_request("/study").respond_with_data("boom", status=500)
    httpserver.expect_request("/study").respond_with_data(STUDY.read_bytes())
    response = fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    assert response.json()["protocolSection"]["identificationModule"]["nctId"] == "NCT00763412"
    assert [r.status_code for _, r in httpserver.log] == [500, 200]


def test_500_forever_raises_transient_after_max_attempts(httpserver, session):
    httpserver.expect_request("/study").respond_with_data("boom", status=503)
    url = httpserver.url_for("/study")
    with pytest.raises(UpstreamTransient) as info:
        fetch(session, "GET", url, policy=FAST)
    assert len(httpserver.log) == FAST.max_attempts
    assert info.value.status == 503
    assert url in str(info.value)
    assert "status=503" in str(info.value)


def test_404_is_permanent_and_not_retried(httpserver, session):
    httpserver.expect_request("/studies/NCT99999999").respond_with_data("nope", status=404)
    url = httpserver.url_for("/studies/NCT99999999")
    with pytest.raises(UpstreamError) as info:
        fetch(session, "GET", url, policy=FAST)
    assert info.value.status == 404
    assert url in str(info.value)
    assert len(httpserver.log) == 1


def test_slow_response_times_out_is_retried_then_transient(threaded_server, session):
    arrivals: list[float] = []

    def slow(request: Request) -> Response:
        arrivals.append(time.monotonic())
        time.sleep(0.6)
        return Response(STUDY.read_bytes())

    threaded_server.expect_request("/study").respond_with_handler(slow)
    policy = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.01)
    with pytest.raises(UpstreamTransient, match="ReadTimeout") as info:
        fetch(session, "GET", threaded_server.url_for("/study"), timeout=(1.0, 0.15), policy=policy)
    assert info.value.status is None
    assert len(arrivals) == 2


def test_connection_refused_is_transient(session):
    with closed_port_url() as url, pytest.raises(UpstreamTransient, match="ConnectionError"):
        fetch(session, "GET", f"{url}/studies", policy=FAST)


def test_each_retry_logs_one_warning(httpserver, session, caplog):
    httpserver.expect_request("/study").respond_with_data("boom", status=502)
    with caplog.at_level(logging.WARNING, logger="ingest.http"), pytest.raises(UpstreamTransient):
        fetch(session, "GET", httpserver.url_for("/study"), policy=FAST)
    messages = [r.getMessage() for r in caplog.records if r.name == "ingest.http"]
    assert len(messages) == FAST.max_attempts - 1
    assert messages[0].startswith(f"retrying {httpserver.url_for('/study')} after HTTP 502")
    assert messages[0].endswith("(attempt 1/3)")


def test_backoff_stays_within_the_jitter_window():
    wait = RetryPolicy(base_delay=0.5, max_delay=3.0).backoff()
    state = tenacity.RetryCallState(tenacity.Retrying(), fn=None, args=(), kwargs={})
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 3.0), (9, 3.0)]:
        state.attempt_number = attempt
        delays = [wait(state) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling / 2  # jitter spreads over the window, not a fixed value


def test_breaker_opens_after_threshold_and_fails_fast(httpserver, session):
    httpserver.expect_request("/study").respond_with_data("boom", status=500)
    breaker = _breaker(threshold=2, reset_after=30)
    one_try = RetryPolicy(max_attempts=1)
    url = httpserver.url_for("/study")
    for _ in range(2):
        with pytest.raises(UpstreamTransient) as info:
            fetch(session, "GET", url, policy=one_try, breaker=breaker)
        assert not isinstance(info.value, CircuitOpen)
    with pytest.raises(CircuitOpen):
        fetch(session, "GET", url, policy=one_try, breaker=breaker)
    assert len(httpserver.log) == 2  # the third call never reached the server
    assert breaker.is_open


def test_breaker_lets_a_probe_through_after_reset_and_closes_on_success(httpserver, session):
    httpserver.expect_ordered_request("/study").respond_with_data("boom", status=500)
    httpserver.expect_ordered_request("/study").respond_with_data(STUDY.read_bytes())
    breaker = _breaker(threshold=1, reset_after=0.3)
    url = httpserver.url_for("/study")
    with pytest.raises(UpstreamTransient):
        fetch(session, "GET", url, policy=RetryPolicy(max_attempts=1), breaker=breaker)
    with pytest.raises(CircuitOpen):
        fetch(session, "GET", url, policy=RetryPolicy(max_attempts=1), breaker=breaker)
    time.sleep(0.35)
    response = fetch(session, "GET", url, policy=RetryPolicy(max_attempts=1), breaker=breaker)
    assert response.status_code == 200
    assert not breaker.is_open


def test_breaker_reopens_when_the_probe_fails(httpserver, session):
    httpserver.expect_request("/study").respond_with_data("boom", status=500)
    breaker = _breaker(threshold=2, reset_after=0.2)
    url = httpserver.url_for("/study")
    for _ in range(2):
        with pytest.raises(UpstreamTransient):
            fetch(session, "GET", url, policy=RetryPolicy(max_attempts=1), breaker=breaker)
    time.sleep(0.25)
    with pytest.raises(UpstreamTransient) as info:
        fetch(session, "GET", url, policy=RetryPolicy(max_attempts=1), breaker=breaker)
    assert not isinstance(info.value, CircuitOpen)
    with pytest.raises(CircuitOpen):
        fetch(session, "GET", url, policy=RetryPolicy(max_attempts=1), breaker=breaker)
    assert len(httpserver.log) == 3


def test_a_404_does_not_count_towards_the_breaker(httpserver, session):
    httpserver.expect_request("/study").respond_with_data("nope", status=404)
    breaker = _breaker(threshold=1)
    with pytest.raises(UpstreamError):
        fetch(session, "GET", httpserver.url_for("/study"), policy=FAST, breaker=breaker)
    assert not breaker.is_open


def test_breakers_with_the_same_name_share_a_store():
    store = InMemoryBreakerStore()
    name = f"shared-{uuid.uuid4()}"
    CircuitBreaker(name, 1, 30, store=store).record_failure()
    other = CircuitBreaker(name, 1, 30, store=store)
    assert other.is_open
    assert store.get(name) == BreakerState(failures=1, opened_at=store.get(name).opened_at)
    with pytest.raises(CircuitOpen):
        other.check("http://example.invalid/")


def test_rate_limiter_spaces_requests(httpserver, session):
    arrivals: list[float] = []

    def record(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response("ok")

    httpserver.expect_request("/tick").respond_with_handler(record)
    limiter = RateLimiter(per_second=5)
    granted = note_grants(limiter)
    for _ in range(4):
        fetch(session, "GET", httpserver.url_for("/tick"), policy=FAST, limiter=limiter)
    assert len(arrivals) == len(granted) == 4
    # Requests leave at most one per 1/5 s; the server's arrival gaps also carry each request's
    # own delay (the first opens the connection), so they get a wide margin (unpaced: ~5 ms).
    assert min(b - a for a, b in itertools.pairwise(granted)) >= 0.2 - 0.001
    assert_sent_as_granted(granted, arrivals)


def test_response_stream_returns_the_whole_body_in_small_reads(httpserver, session):
    body = STUDY.read_bytes()
    httpserver.expect_request("/study").respond_with_data(body)
    response = fetch(session, "GET", httpserver.url_for("/study"), policy=FAST, stream=True)
    stream = ResponseStream(response, url="/study", chunk_size=1000)
    pieces = []
    while piece := stream.read(777):
        assert len(piece) <= 777
        pieces.append(piece)
    assert b"".join(pieces) == body
    assert len(pieces) > 1
