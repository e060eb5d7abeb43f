"""trials_refresh against a real local server replaying the recorded CT.gov pages."""

from __future__ import annotations

import json
import logging
import time

import pytest
from werkzeug import Request, Response

from ingest.models import RefreshRun, RunStatus
from knowledge.models import ReviewStatus
from knowledge.models.common import LinkMethod
from tests.ingest.refresh_server import (
    PAGE1,
    closed_port_url,
    make_condition,
    nct_ids,
    point_at,
    serve_pages,
)
from trials.models import ClinicalTrial, TrialLink
from trials.refresh import trials_fetch, trials_refresh

pytestmark = pytest.mark.django_db

STUDIES = "/api/v2/studies"
SNAPSHOT_FIELDS = ("nct_id", "title", "status", "conditions", "sponsor", "content_hash")


@pytest.fixture
def condition(settings, httpserver):
    point_at(settings, httpserver.url_for("").rstrip("/"))
    return make_condition()


@pytest.fixture
def stored(condition, httpserver):
    """A first successful refresh; returns the stored rows as they were."""
    httpserver.expect_request(STUDIES).respond_with_handler(serve_pages)
    run = trials_refresh(condition_id=condition.pk)
    assert run.status == RunStatus.OK
    httpserver.clear()
    return _snapshot()


def _snapshot() -> list[dict]:
    return list(ClinicalTrial.objects.order_by("nct_id").values(*SNAPSHOT_FIELDS))


def test_full_refresh_stores_every_trial_with_its_links(condition, httpserver):
    httpserver.expect_request(STUDIES).respond_with_handler(serve_pages)
    run = trials_refresh(condition_id=condition.pk)

    assert (run.status, run.mode, run.fetched, run.created, run.failed) == (
        RunStatus.OK,
        "full",
        10,
        10,
        0,
    )
    assert sorted(ClinicalTrial.objects.values_list("nct_id", flat=True)) == sorted(nct_ids())
    trial = ClinicalTrial.objects.get(nct_id="NCT02710084")
    assert trial.status == "COMPLETED"
    assert trial.interventions[0]["name"] == "Oxytocin"
    assert trial.source_url == "https://clinicaltrials.gov/study/NCT02710084"
    query = httpserver.log[0][0].args["query.cond"]
    assert query == '"Phelan-McDermid syndrome" OR "22q13 deletion syndrome"'

    links = {
        (link.condition_id, link.gene_id, link.therapy_id): link
        for link in TrialLink.objects.filter(trial=trial)
    }
    therapy_id = condition.therapy_links.get().therapy_id
    by_name = links[(condition.pk, None, None)]
    assert (by_name.method, by_name.review_status) == (LinkMethod.NAME_MATCH, ReviewStatus.AUTO)
    assert by_name.matched_text == "Phelan-McDermid Syndrome"
    assert links[(None, None, therapy_id)].method == LinkMethod.NAME_MATCH
    reference = links[(condition.pk, None, therapy_id)]
    assert (reference.method, reference.review_status) == (
        LinkMethod.REFERENCE,
        ReviewStatus.CONFIRMED,
    )
    # SHANK3 is named in this study's title and intervention, not in its conditions.
    shank3 = TrialLink.objects.get(trial__nct_id="NCT07119606", gene__symbol="SHANK3")
    assert shank3.matched_text == "SHANK3"


def test_rerun_counts_everything_unchanged_and_writes_nothing(stored, condition, httpserver):
    httpserver.expect_request(STUDIES).respond_with_handler(serve_pages)
    before = dict(ClinicalTrial.objects.values_list("nct_id", "updated_at"))
    links_before = TrialLink.objects.count()

    run = trials_refresh(condition_id=condition.pk)

    assert (run.mode, run.fetched, run.created, run.updated, run.unchanged) == (
        "incremental",
        10,
        0,
        0,
        10,
    )
    assert run.since is not None
    sent = httpserver.log[0][0].args["filter.advanced"]
    assert sent == f"AREA[LastUpdatePostDate]RANGE[{run.since.date().isoformat()},MAX]"
    assert dict(ClinicalTrial.objects.values_list("nct_id", "updated_at")) == before
    assert TrialLink.objects.count() == links_before


def test_a_changed_study_is_updated_and_the_rest_left_alone(stored, condition, httpserver):
    page = json.loads(PAGE1.read_text(encoding="utf-8"))
    page["studies"][0]["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
    page.pop("nextPageToken")
    httpserver.expect_request(STUDIES).respond_with_json(page)

    run = trials_refresh(condition_id=condition.pk, full=True)

    assert (run.status, run.created, run.updated, run.unchanged) == (RunStatus.OK, 0, 1, 4)
    assert ClinicalTrial.objects.get(nct_id="NCT02710084").status == "TERMINATED"
    # Studies missing from this answer are not deleted.
    assert ClinicalTrial.objects.count() == 10


def test_rejected_link_stays_rejected_after_a_refresh(stored, condition, httpserver):
    link = TrialLink.objects.get(trial__nct_id="NCT02710084", condition=condition, therapy=None)
    link.review_status = ReviewStatus.REJECTED
    link.save()
    httpserver.expect_request(STUDIES).respond_with_handler(serve_pages)
    trials_refresh(condition_id=condition.pk, full=True)
    link.refresh_from_db()
    assert link.review_status == ReviewStatus.REJECTED


def test_a_malformed_study_is_skipped_counted_and_the_run_is_partial(condition, httpserver):
    page = json.loads(PAGE1.read_text(encoding="utf-8"))
    page["studies"][1]["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = "many"
    page.pop("nextPageToken")
    httpserver.expect_request(STUDIES).respond_with_json(page)

    run = trials_refresh(condition_id=condition.pk)

    assert (run.status, run.fetched, run.created, run.failed) == (RunStatus.PARTIAL, 5, 4, 1)
    assert run.errors == [
        {
            "record_id": "NCT05105685",
            "field": "protocolSection.designModule.enrollmentInfo.count",
            "message": run.errors[0]["message"],
        }
    ]
    assert not ClinicalTrial.objects.filter(nct_id="NCT05105685").exists()


def _assert_failed(run: RefreshRun, stored: list[dict], *, error: str, transient: bool) -> None:
    assert run.status == RunStatus.FAILED
    assert run.finished_at is not None
    assert run.errors[-1]["error"] == error
    assert run.errors[-1]["transient"] is transient
    assert _snapshot() == stored


def test_429_with_retry_after_is_honoured_then_succeeds(stored, condition, httpserver):
    httpserver.expect_oneshot_request(STUDIES).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request(STUDIES).respond_with_handler(serve_pages)
    started = time.monotonic()
    run = trials_refresh(condition_id=condition.pk)
    assert time.monotonic() - started >= 1.0
    assert (run.status, run.unchanged) == (RunStatus.OK, 10)


def test_429_that_persists_fails_the_run_and_keeps_the_data(stored, condition, httpserver):
    httpserver.expect_request(STUDIES).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    run = trials_refresh(condition_id=condition.pk)
    _assert_failed(run, stored, error="UpstreamTransient", transient=True)
    assert "HTTP 429" in run.errors[-1]["message"]
    assert len(httpserver.log) == 2  # UPSTREAM_MAX_ATTEMPTS


def test_server_error_fails_the_run_and_keeps_the_data(stored, condition, httpserver):
    httpserver.expect_request(STUDIES).respond_with_data("boom", status=500)
    run = trials_refresh(condition_id=condition.pk)
    _assert_failed(run, stored, error="UpstreamTransient", transient=True)
    assert "HTTP 500" in run.errors[-1]["message"]


def test_slow_response_past_the_timeout_fails_the_run(stored, condition, httpserver, settings):
    settings.UPSTREAM_TIMEOUT_SECONDS = 0.3

    def slow(request: Request) -> Response:
        time.sleep(0.8)
        return serve_pages(request)

    httpserver.expect_request(STUDIES).respond_with_handler(slow)
    run = trials_refresh(condition_id=condition.pk)
    _assert_failed(run, stored, error="UpstreamTransient", transient=True)
    assert "ReadTimeout" in run.errors[-1]["message"]


def test_malformed_json_fails_the_run_without_retrying(stored, condition, httpserver):
    httpserver.expect_request(STUDIES).respond_with_data(
        b'{"studies": [{"protocolSection": {', content_type="application/json"
    )
    run = trials_refresh(condition_id=condition.pk)
    _assert_failed(run, stored, error="MalformedResponse", transient=False)
    assert len(httpserver.log) == 1


def test_truncated_body_fails_the_run_and_keeps_the_data(stored, condition, httpserver):
    body = PAGE1.read_bytes()
    httpserver.expect_request(STUDIES).respond_with_data(body[: len(body) // 2])
    run = trials_refresh(condition_id=condition.pk)
    _assert_failed(run, stored, error="MalformedResponse", transient=False)


def test_a_page_token_that_loops_fails_the_run(stored, condition, httpserver):
    httpserver.expect_request(STUDIES).respond_with_data(PAGE1.read_bytes())
    run = trials_refresh(condition_id=condition.pk)
    _assert_failed(run, stored, error="UpstreamError", transient=False)
    assert "page token loop" in run.errors[-1]["message"]


def test_connection_refused_fails_fast_and_keeps_the_data(stored, condition, settings, caplog):
    with closed_port_url() as url, caplog.at_level(logging.WARNING, logger="ingest.http"):
        point_at(settings, url)
        run = trials_refresh(condition_id=condition.pk)
    # Fast by what the run chose, not the wall clock: one retry after the policy's short
    # backoff (at most UPSTREAM_RETRY_BASE_DELAY for a first retry), then it gave up.
    waits = [r.args[2] for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(waits) == settings.UPSTREAM_MAX_ATTEMPTS - 1, waits
    assert max(waits) <= settings.UPSTREAM_RETRY_BASE_DELAY, waits
    assert "gave up after 2 attempts" in run.errors[-1]["message"]
    _assert_failed(run, stored, error="UpstreamTransient", transient=True)
    assert "ConnectionError" in run.errors[-1]["message"]
    assert run.errors[-1]["url"] == f"{url}/api/v2/studies"


def test_open_circuit_stops_requests_to_a_failing_upstream(stored, condition, httpserver, settings):
    settings.UPSTREAM_BREAKER_THRESHOLD = 2
    httpserver.expect_request(STUDIES).respond_with_data("boom", status=503)
    for _ in range(2):
        trials_refresh(condition_id=condition.pk)
    requests_so_far = len(httpserver.log)

    run = trials_refresh(condition_id=condition.pk)

    _assert_failed(run, stored, error="CircuitOpen", transient=True)
    assert len(httpserver.log) == requests_so_far


def test_fetch_by_nct_number_stores_only_missing_studies(condition, httpserver):
    study = json.loads(PAGE1.read_text(encoding="utf-8"))["studies"][0]
    httpserver.expect_request("/api/v2/studies/NCT02710084").respond_with_json(study)
    run = trials_fetch(["nct02710084"])
    assert (run.status, run.created) == (RunStatus.OK, 1)
    reference = TrialLink.objects.get(trial__nct_id="NCT02710084")
    assert (reference.method, reference.condition_id) == (LinkMethod.REFERENCE, condition.pk)

    run = trials_fetch(["NCT02710084"])
    assert run.fetched == 0
    assert len(httpserver.log) == 1
