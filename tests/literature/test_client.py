"""PubMedClient against a real local server replaying the recorded E-utilities responses."""

from __future__ import annotations

import datetime as dt
import itertools
import time

import pytest
from werkzeug import Request, Response

from ingest.errors import MalformedResponse, UpstreamError
from ingest.http import RetryPolicy
from literature.client import PubMedClient
from literature.parse import ArticleRecord, SearchResult
from tests._shared import FIXTURE_DATA, assert_sent_as_granted, note_grants

PUBMED = FIXTURE_DATA / "pubmed"
EFETCH = PUBMED / "efetch_pubmed_5_articles.xml"
FAST = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.02)
FIVE_PMIDS = ["35196497", "33278872", "24792780", "30158200", "151222"]


def _client(httpserver, **kwargs) -> PubMedClient:
    kwargs.setdefault("api_key", "test-key")
    return PubMedClient(
        httpserver.url_for("/eutils"),
        tool="rarelabs-tests",
        email="tests@example.org",
        policy=FAST,
        **kwargs,
    )


def _serve_recorded(httpserver) -> None:
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        (PUBMED / "esearch_pubmed_usehistory.xml").read_bytes(), content_type="text/xml"
    )
    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_data(
        EFETCH.read_bytes(), content_type="text/xml"
    )


def test_search_then_fetch_in_history_batches(httpserver):
    _serve_recorded(httpserver)
    client = _client(httpserver)
    result = client.search("cancer", mindate=dt.date(2025, 9, 27), maxdate=dt.date(2025, 11, 26))
    assert result.count == 42249
    # Each batch is answered with the same five real articles.
    records = list(client.iter_fetch(result, batch_size=5, limit=10))
    assert [r.pmid for r in records] == FIVE_PMIDS * 2
    assert all(isinstance(r, ArticleRecord) for r in records)

    search_args, *fetch_args = [request.args for request, _ in httpserver.log]
    assert search_args["usehistory"] == "y"
    assert search_args["term"] == "cancer"
    assert (search_args["mindate"], search_args["maxdate"]) == ("2025/09/27", "2025/11/26")
    assert search_args["datetype"] == "edat"
    assert [(a["retstart"], a["retmax"]) for a in fetch_args] == [("0", "5"), ("5", "5")]
    assert {a["WebEnv"] for a in fetch_args} == {"MCID_6927d6e7fee3e90f880ec190"}
    assert {a["query_key"] for a in fetch_args} == {"1"}


def test_tool_email_and_api_key_arrive_on_every_request(httpserver):
    _serve_recorded(httpserver)
    client = _client(httpserver)
    list(client.iter_fetch(client.search("cancer"), batch_size=5, limit=5))
    list(client.fetch_pmids(FIVE_PMIDS))
    assert len(httpserver.log) == 3
    for request, _ in httpserver.log:
        assert request.args["tool"] == "rarelabs-tests"
        assert request.args["email"] == "tests@example.org"
        assert request.args["api_key"] == "test-key"
        assert request.args["db"] == "pubmed"


def test_no_api_key_param_without_a_key(httpserver):
    _serve_recorded(httpserver)
    _client(httpserver, api_key=None).search("cancer")
    assert "api_key" not in httpserver.log[0][0].args


def test_fetch_pmids_sends_ids_in_batches(httpserver):
    _serve_recorded(httpserver)
    records = list(_client(httpserver).fetch_pmids(FIVE_PMIDS, batch_size=3))
    assert [request.args["id"] for request, _ in httpserver.log] == [
        ",".join(FIVE_PMIDS[:3]),
        ",".join(FIVE_PMIDS[3:]),
    ]
    assert len(records) == 10  # the recorded body answers each batch


def test_esearch_json_form_is_understood(httpserver):
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        (PUBMED / "esearch_pubmed.json").read_bytes(), content_type="application/json"
    )
    result = _client(httpserver).search("APC p.E1317Q NOT retracted publication[pt]")
    assert result.count == 40362
    assert len(result.ids) == 100


def test_requests_are_spaced_at_three_per_second_without_a_key(httpserver):
    arrivals: list[float] = []

    def record(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response(EFETCH.read_bytes(), content_type="text/xml")

    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_handler(record)
    history = SearchResult(count=20, ids=(), webenv="MCID_x", query_key="1")
    client = _client(httpserver, api_key=None)
    granted = note_grants(client.limiter)
    list(client.iter_fetch(history, batch_size=5))
    assert len(arrivals) == len(granted) == 4
    # The client sends at most one request per 1/3 s ...
    assert min(b - a for a, b in itertools.pairwise(granted)) >= 1 / 3 - 0.001
    # ... and sends each request only after its grant, so the server sees that pace.
    assert_sent_as_granted(granted, arrivals)


def test_api_key_allows_ten_per_second():
    with_key = PubMedClient("http://127.0.0.1:9", tool="t", email="e@example.org", api_key="k")
    without = PubMedClient("http://127.0.0.1:9", tool="t", email="e@example.org")
    assert with_key.limiter.interval == pytest.approx(0.1)
    assert without.limiter.interval == pytest.approx(1 / 3)


def test_truncated_efetch_is_a_parse_error_with_the_url(httpserver):
    raw = EFETCH.read_bytes()
    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_data(raw[: len(raw) // 2])
    with pytest.raises(MalformedResponse) as info:
        list(_client(httpserver).fetch_pmids(FIVE_PMIDS))
    assert info.value.url == httpserver.url_for("/eutils/efetch.fcgi")
    assert "test-key" not in str(info.value)
    assert len(httpserver.log) == 1


def test_esearch_error_is_permanent(httpserver):
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        b"<eSearchResult><ERROR>Invalid query</ERROR></eSearchResult>"
    )
    with pytest.raises(UpstreamError, match="Invalid query") as info:
        _client(httpserver).search("((")
    assert info.value.url == httpserver.url_for("/eutils/esearch.fcgi")


def test_fetch_needs_history_handles():
    client = PubMedClient("http://127.0.0.1:9", tool="t", email="e@example.org")
    with pytest.raises(ValueError, match="WebEnv"):
        list(client.iter_fetch(SearchResult(count=3, ids=("1",), webenv=None, query_key=None)))
