"""The run log, the per-scope lock, the shared circuit state and the due selection."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from werkzeug import Request, Response

from ingest.breakers import RedisBreakerStore
from ingest.errors import MalformedResponse, RecordParseError, UpstreamTransient
from ingest.http import CircuitBreaker
from ingest.locks import refresh_lock
from ingest.models import RefreshRun, RunStatus
from ingest.runs import (
    run_count,
    run_finish,
    run_last_success,
    run_raise_if_transient,
    run_record_error,
    run_start,
)
from knowledge.records import due_condition_ids
from rarelabs.breaker import BreakerState
from tests.factories.knowledge import ConditionFactory, TherapyLinkFactory
from tests.ingest.refresh_server import make_condition, point_at, serve_pages
from trials.refresh import trials_refresh, trials_refresh_due


@pytest.mark.django_db
def test_run_lifecycle_sets_status_from_what_happened():
    ok = run_start("trials_refresh", "condition:1", "full", None)
    assert ok.status == RunStatus.RUNNING
    run_count(ok, fetched=3, created=2, unchanged=1)
    run_finish(ok)

    partial = run_start("trials_refresh", "condition:1")
    run_record_error(partial, RecordParseError("bad", field="x.y", record_id="NCT1"))
    run_finish(partial)

    failed = run_start("trials_refresh", "condition:1")
    run_finish(failed, error=MalformedResponse("bad page", url="http://u/x"))

    rows = {r.pk: r for r in RefreshRun.objects.all()}
    assert (rows[ok.pk].status, rows[ok.pk].fetched, rows[ok.pk].created) == (RunStatus.OK, 3, 2)
    assert rows[ok.pk].finished_at is not None
    assert (rows[partial.pk].status, rows[partial.pk].failed) == (RunStatus.PARTIAL, 1)
    assert rows[partial.pk].errors[0]["field"] == "x.y"
    assert rows[failed.pk].status == RunStatus.FAILED
    assert rows[failed.pk].errors == [
        {
            "error": "MalformedResponse",
            "message": "bad page (url=http://u/x)",
            "transient": False,
            "url": "http://u/x",
        }
    ]
    # A failed run never moves the incremental starting point.
    assert run_last_success("trials_refresh", "condition:1").pk == partial.pk


@pytest.mark.django_db
def test_a_transient_failure_is_raised_for_the_task_to_retry():
    run = run_finish(
        run_start("trials_refresh", "condition:2"),
        error=UpstreamTransient("gave up", url="http://u", status=503),
    )
    with pytest.raises(UpstreamTransient, match="gave up"):
        run_raise_if_transient(None, run)
    run_raise_if_transient(run_finish(run_start("trials_refresh", "condition:2")))


@pytest.mark.django_db
def test_the_lock_lets_one_holder_in_per_scope():
    with refresh_lock("test:scope-a") as first:
        assert first is not None
        with refresh_lock("test:scope-a") as second:
            assert second is None
        with refresh_lock("test:scope-b") as other:
            assert other is not None
    with refresh_lock("test:scope-a") as again:
        assert again is not None


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_refreshes_of_one_scope_run_once(settings, httpserver):
    point_at(settings, httpserver.url_for("").rstrip("/"))
    condition = make_condition()
    entered, release = threading.Event(), threading.Event()

    def held(request: Request) -> Response:
        entered.set()
        release.wait(10)
        return serve_pages(request)

    httpserver.expect_request("/api/v2/studies").respond_with_handler(held)
    results: list[RefreshRun | None] = []

    def first() -> None:
        try:
            results.append(trials_refresh(condition_id=condition.pk))
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert entered.wait(10)
    second = trials_refresh(condition_id=condition.pk)
    release.set()
    thread.join(20)

    assert second is None
    assert results[0].status == RunStatus.OK
    assert RefreshRun.objects.filter(task="trials_refresh").count() == 1


@pytest.mark.django_db
def test_redis_store_shares_breaker_state_between_breakers():
    store = RedisBreakerStore()
    store.reset("test-upstream")
    one = CircuitBreaker("test-upstream", failure_threshold=2, store=store)
    other = CircuitBreaker("test-upstream", failure_threshold=2, store=RedisBreakerStore())
    one.record_failure()
    other.record_failure()
    assert one.is_open
    assert other.is_open
    assert store.get("test-upstream").failures == 2
    other.record_success()
    assert store.get("test-upstream") == BreakerState(failures=0, opened_at=None)
    store.reset("test-upstream")


@pytest.mark.django_db
def test_due_conditions_are_linked_ones_stalest_first():
    unlinked = ConditionFactory()
    stale, fresh = TherapyLinkFactory().condition, TherapyLinkFactory().condition
    run_finish(run_start("trials_refresh", f"condition:{fresh.pk}"))
    run_finish(run_start("trials_refresh", f"condition:{stale.pk}"))
    run_finish(run_start("trials_refresh", f"condition:{fresh.pk}"))
    ids = due_condition_ids("trials_refresh")
    assert unlinked.pk not in ids
    assert ids == [stale.pk, fresh.pk]


@pytest.mark.django_db
def test_due_refresh_offline_records_one_failed_run_and_stops(settings, httpserver):
    point_at(settings, httpserver.url_for("").rstrip("/"))
    make_condition()
    TherapyLinkFactory()
    httpserver.expect_request("/api/v2/studies").respond_with_data("down", status=503)
    runs = trials_refresh_due()
    assert [r.status for r in runs] == [RunStatus.FAILED]
    assert RefreshRun.objects.count() == 1


def test_upstream_errors_name_only_what_is_known():
    from ingest.errors import UpstreamError, UpstreamTransient

    assert str(UpstreamTransient("timed out", url="http://u/x")) == "timed out (url=http://u/x)"
    assert str(UpstreamError("gone", url="http://u/x", status=404)) == (
        "gone (url=http://u/x, status=404)"
    )
    assert str(UpstreamTransient("no route", url=None)) == "no route"
