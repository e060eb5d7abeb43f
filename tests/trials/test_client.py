"""CtGovClient against a real local server replaying the recorded CT.gov responses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from werkzeug import Request, Response

from ingest.errors import MalformedResponse, UpstreamError, UpstreamTransient
from ingest.http import RetryPolicy
from tests._shared import FIXTURE_DATA
from trials.client import CtGovClient
from trials.parse import TrialParseError, TrialRecord

CTGOV = FIXTURE_DATA / "ctgov"
PAGE1 = CTGOV / "studies_list_phelan_mcdermid_page1.json"
PAGE2 = CTGOV / "studies_list_phelan_mcdermid_page2.json"
LAST_PAGE = Path(__file__).resolve().parent.parent / "recorded" / "ctgov_studies_last_page.json"
FAST = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.02)


def _token(path: Path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["nextPageToken"]


def _ids(path: Path) -> list[str]:
    studies = json.loads(path.read_text(encoding="utf-8"))["studies"]
    return [s["protocolSection"]["identificationModule"]["nctId"] for s in studies]


def _client(httpserver, **kwargs) -> CtGovClient:
    return CtGovClient(httpserver.url_for("/api/v2"), policy=FAST, page_size=5, **kwargs)


def _serve_pages(request: Request) -> Response:
    pages = {None: PAGE1, _token(PAGE1): PAGE2, _token(PAGE2): LAST_PAGE}
    path = pages.get(request.args.get("pageToken"))
    if path is None:
        return Response("unknown page token", status=400)
    return Response(path.read_bytes(), content_type="application/json")


def test_paging_follows_next_page_token_across_both_recorded_pages(httpserver):
    httpserver.expect_request("/api/v2/studies").respond_with_handler(_serve_pages)
    records = list(_client(httpserver).iter_studies(query_cond="Phelan-McDermid Syndrome"))
    assert [r.nct_id for r in records] == _ids(PAGE1) + _ids(PAGE2)
    assert all(isinstance(r, TrialRecord) for r in records)
    sent = [request.args for request, _ in httpserver.log]
    assert [a.get("pageToken") for a in sent] == [None, _token(PAGE1), _token(PAGE2)]
    assert all(a["query.cond"] == "Phelan-McDermid Syndrome" for a in sent)
    assert all(a["pageSize"] == "5" for a in sent)


def test_incremental_and_status_filters_are_sent(httpserver):
    httpserver.expect_request("/api/v2/studies").respond_with_data(LAST_PAGE.read_bytes())
    client = _client(httpserver)
    records = list(
        client.iter_studies(
            query_term="SHANK3",
            query_intr="oxytocin",
            statuses=["RECRUITING", "COMPLETED"],
            last_update_from=dt.date(2024, 1, 15),
        )
    )
    assert records == []
    args = httpserver.log[0][0].args
    assert args["filter.advanced"] == "AREA[LastUpdatePostDate]RANGE[2024-01-15,MAX]"
    assert args["filter.overallStatus"] == "RECRUITING,COMPLETED"
    assert args["query.term"] == "SHANK3"
    assert args["query.intr"] == "oxytocin"
    assert "query.cond" not in args


def test_a_page_token_that_loops_raises_upstream_error(httpserver):
    # The server hands back page 1 (and its token) whatever token we send.
    httpserver.expect_request("/api/v2/studies").respond_with_data(PAGE1.read_bytes())
    seen = []
    with pytest.raises(UpstreamError, match="page token loop"):
        seen.extend(r.nct_id for r in _client(httpserver).iter_studies(query_cond="x"))
    assert len(httpserver.log) == 2
    assert seen == _ids(PAGE1) * 2


def test_page_500_then_success_is_retried_transparently(httpserver):
    httpserver.expect_oneshot_request("/api/v2/studies").respond_with_data("down", status=500)
    httpserver.expect_request("/api/v2/studies").respond_with_handler(_serve_pages)
    records = list(_client(httpserver).iter_studies(query_cond="x"))
    assert len(records) == 10
    assert [r.status_code for _, r in httpserver.log] == [500, 200, 200, 200]


def test_server_errors_forever_end_in_transient(httpserver):
    httpserver.expect_request("/api/v2/studies").respond_with_data("down", status=502)
    with pytest.raises(UpstreamTransient):
        list(_client(httpserver).iter_studies(query_cond="x"))
    assert len(httpserver.log) == FAST.max_attempts


def test_malformed_json_page_is_a_typed_error_and_not_retried(httpserver):
    httpserver.expect_request("/api/v2/studies").respond_with_data(
        b'{"studies": [{"protocolSection": {', content_type="application/json"
    )
    with pytest.raises(MalformedResponse) as info:
        list(_client(httpserver).iter_studies(query_cond="x"))
    assert info.value.url == httpserver.url_for("/api/v2/studies")
    assert len(httpserver.log) == 1


def test_truncated_page_body_is_a_parse_error(httpserver):
    body = PAGE1.read_bytes()
    httpserver.expect_request("/api/v2/studies").respond_with_data(body[: len(body) // 2])
    results = []
    with pytest.raises(MalformedResponse):
        results.extend(_client(httpserver).iter_studies(query_cond="x"))
    assert 0 < len(results) < 5  # the studies before the cut were still delivered
    assert len(httpserver.log) == 1


def test_get_study_parses_the_recorded_record(httpserver):
    body = (CTGOV / "studies" / "NCT00763412.json").read_bytes()
    httpserver.expect_request("/api/v2/studies/NCT00763412").respond_with_data(body)
    record = _client(httpserver).get_study("NCT00763412")
    assert record.nct_id == "NCT00763412"
    assert record.sponsor.name == "Arbelaez, Ana Maria"
    assert httpserver.log[0][0].args["format"] == "json"


def test_get_study_404_is_permanent_and_not_retried(httpserver):
    httpserver.expect_request("/api/v2/studies/NCT00000000").respond_with_data("", status=404)
    with pytest.raises(UpstreamError) as info:
        _client(httpserver).get_study("NCT00000000")
    assert info.value.status == 404
    assert len(httpserver.log) == 1


def test_get_study_with_broken_json_is_malformed(httpserver):
    body = (CTGOV / "studies" / "NCT00763412.json").read_bytes()
    httpserver.expect_request("/api/v2/studies/NCT00763412").respond_with_data(body[:500])
    with pytest.raises(MalformedResponse):
        _client(httpserver).get_study("NCT00763412")


def test_get_study_with_a_broken_field_raises_its_parse_error(httpserver):
    study = json.loads((CTGOV / "studies" / "NCT00763412.json").read_text(encoding="utf-8"))
    study["protocolSection"]["statusModule"]["completionDateStruct"]["date"] = "soon"
    httpserver.expect_request("/api/v2/studies/NCT00763412").respond_with_json(study)
    with pytest.raises(TrialParseError) as info:
        _client(httpserver).get_study("NCT00763412")
    assert info.value.field == "protocolSection.statusModule.completionDateStruct.date"
