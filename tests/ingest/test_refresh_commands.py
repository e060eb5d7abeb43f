"""The refresh commands: the demo replay server and the per-upstream commands."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ingest.models import RefreshRun, RunStatus
from literature.models import Publication
from tests._shared import FIXTURE_DATA
from tests.ingest.refresh_server import make_condition, point_at, serve_pages
from trials.models import ClinicalTrial

pytestmark = pytest.mark.django_db


def test_refresh_demo_replays_the_saved_responses_into_the_database():
    condition = make_condition()
    out = io.StringIO()
    call_command("refresh_demo", str(FIXTURE_DATA), condition=condition.primary_id, stdout=out)

    # 10 list-page studies + 10 single-study files; 8 articles in the efetch files.
    assert ClinicalTrial.objects.count() == 20
    assert Publication.objects.count() == 8
    assert set(RefreshRun.objects.values_list("task", "status")) == {
        ("trials_refresh", RunStatus.OK),
        ("literature_refresh", RunStatus.OK),
    }
    assert "trials_refresh condition:" in out.getvalue()
    assert "created 20" in out.getvalue()


def test_refresh_trials_command_prints_one_line_per_run(settings, httpserver):
    point_at(settings, httpserver.url_for("").rstrip("/"))
    condition = make_condition()
    httpserver.expect_request("/api/v2/studies").respond_with_handler(serve_pages)
    out = io.StringIO()
    call_command("refresh_trials", condition=condition.pk, stdout=out)
    assert out.getvalue().strip() == (
        f"trials_refresh condition:{condition.pk}: ok (fetched 10, created 10, updated 0, "
        "unchanged 0, failed 0)"
    )


@pytest.mark.parametrize("command", ["refresh_trials", "refresh_literature"])
def test_a_failed_refresh_exits_non_zero(settings, httpserver, command):
    """Was: exit status 0 although the run failed, so cron never noticed."""
    point_at(settings, httpserver.url_for("").rstrip("/"))
    condition = make_condition()
    httpserver.expect_request(re.compile(".*")).respond_with_data("upstream down", status=500)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 refresh run"):
        call_command(command, condition=condition.pk, stdout=out)
    assert ": failed (" in out.getvalue()
    assert RefreshRun.objects.get().status == RunStatus.FAILED
