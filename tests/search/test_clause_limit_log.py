"""A search that passes OpenSearch's clause limit is retried without synonyms, and the log line
that says so holds no word of the query: the query can be a family's description of their
child (issue 17: no case details in a log)."""

from __future__ import annotations

import logging

import pytest
from pytest_httpserver import HTTPServer

from rarelabs.breaker import CircuitBreaker
from search.analysis import analyze
from search.backends.opensearch.backend import OpenSearchBackend
from search.request import SearchRequest

# OpenSearch 2.x's answer when a query's synonym graph passes indices.query.bool.max_clause_count.
TOO_MANY_CLAUSES = {
    "error": {
        "root_cause": [{"type": "too_many_clauses", "reason": "maxClauseCount is set to 1024"}],
        "type": "search_phase_execution_exception",
        "reason": "all shards failed",
    },
    "status": 500,
}
EMPTY = {
    "took": 1,
    "timed_out": False,
    "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
}


@pytest.mark.django_db
def test_the_clause_limit_line_logs_no_query_text(
    settings, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings.OPENSEARCH_URL = httpserver.url_for("/").rstrip("/")
    CircuitBreaker(f"opensearch@{settings.OPENSEARCH_URL}").record_success()
    path = f"/{settings.OPENSEARCH_INDEX_PREFIX}-search/_search"
    httpserver.expect_oneshot_request(path).respond_with_json(TOO_MANY_CLAUSES, status=500)
    httpserver.expect_request(path).respond_with_json(EMPTY)
    query = "my daughter has seizures and her sma dmd cf tests came back"
    backend = OpenSearchBackend()
    with caplog.at_level(logging.INFO, logger="search.backends.opensearch.backend"):
        backend._search_bounded(SearchRequest(query=query), analyze(query))
    lines = [r.getMessage() for r in caplog.records if "clause limit" in r.getMessage()]
    assert len(lines) == 1
    assert not {"daughter", "seizures", "sma"} & set(lines[0].lower().split())
    assert len(httpserver.log) == 2  # the retry without synonyms was sent
