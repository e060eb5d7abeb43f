"""The summary queue, from the editor's side (admin) and the family's (condition page and API)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from ingest.locks import refresh_lock
from ingest.models import RefreshRun, RunStatus
from ingest.runs import run_start
from knowledge.models import Condition, SummaryReview, SummaryReviewStatus
from knowledge.summary_reviews import ALL, TASK, summary_reviews_sync
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import ConditionFactory

pytestmark = pytest.mark.django_db
UNCHECKED = "An editor has not checked it yet."


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    page_cache_invalidate()


@pytest.fixture
def condition() -> Condition:
    condition = ConditionFactory(
        name="Testing storage disease",
        prevalence="1-9 / 100 000",
        prevalence_source="Orphanet ORPHA:99365",
        inheritance=["autosomal_recessive"],
        facts_source="Orphanet 2025-12",
    )
    summary_reviews_sync(condition_ids=[condition.pk])
    return condition


def _page(condition: Condition) -> str:
    page_cache_invalidate()
    return Client().get(condition.get_absolute_url()).content.decode()


def _jsonld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block, "no JSON-LD on the page"
    return json.loads(block.group(1))


def _api_summary(condition: Condition) -> dict:
    response = Client().get(f"/api/v1/conditions/{condition.slug}/")
    assert response.status_code == 200
    return response.json()["summary"]


def _change_url(review: SummaryReview) -> str:
    return reverse("admin:knowledge_summaryreview_change", args=[review.pk])


def _checked_on_today() -> str:
    return "Checked by an editor on " + date_format(timezone.localdate(), "j F Y")


def test_a_generated_summary_waits_in_the_queue_and_is_not_marked_checked(
    condition: Condition, editor_client: Client
) -> None:
    """A new computer-written summary is listed for editors; families see it as unchecked."""
    queue = editor_client.get(
        reverse("admin:knowledge_summaryreview_changelist"), {"queue": "waiting"}
    )
    assert queue.status_code == 200
    assert "Testing storage disease" in queue.content.decode()
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "Family summaries" in index
    html = _page(condition)
    assert UNCHECKED in html
    assert "Checked by an editor" not in html
    assert "lastReviewed" not in _jsonld(html)
    assert _api_summary(condition)["checked_by_editor_on"] is None


def test_an_approved_summary_is_marked_checked_with_the_editor_and_date_in_history(
    condition: Condition, editor_client: Client, editor
) -> None:
    """Approving shows "Checked by an editor on <date>", sets lastReviewed, records who did it."""
    review = SummaryReview.objects.get(condition=condition)
    response = editor_client.post(_change_url(review), {"decision": "approve", "edited_text": ""})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == SummaryReviewStatus.APPROVED
    assert review.reviewed_by == editor
    assert review.history.first().history_user == editor
    html = _page(condition)
    assert _checked_on_today() in html
    assert UNCHECKED not in html
    assert _jsonld(html)["lastReviewed"] == timezone.localdate().isoformat()
    summary = _api_summary(condition)
    assert summary["checked_by_editor_on"] == timezone.localdate().isoformat()
    assert summary["written_by"] == "computer"
    assert summary["text"] == review.approved_text


def test_a_data_change_sends_an_approved_summary_back_only_when_its_text_changed(
    condition: Condition, editor_client: Client
) -> None:
    """Same text after a reload keeps the approval; a changed text is unchecked and requeued."""
    review = SummaryReview.objects.get(condition=condition)
    editor_client.post(_change_url(review), {"decision": "approve", "edited_text": ""})
    counts = summary_reviews_sync(condition_ids=[condition.pk])
    assert (counts.requeued, counts.unchanged) == (0, 1)
    assert _checked_on_today() in _page(condition)

    Condition.objects.filter(pk=condition.pk).update(prevalence="1-5 / 10 000")
    html = _page(condition)  # families never see an approval of a text that is gone
    assert "About 1 to 5 in 10,000 people have it." in html
    assert UNCHECKED in html
    assert "lastReviewed" not in _jsonld(html)
    counts = summary_reviews_sync(condition_ids=[condition.pk])
    assert counts.requeued == 1
    review.refresh_from_db()
    assert review.status == SummaryReviewStatus.WAITING
    assert "10,000" in review.generated_text
    queue = editor_client.get(
        reverse("admin:knowledge_summaryreview_changelist"), {"queue": "waiting"}
    )
    assert "Testing storage disease" in queue.content.decode()


def test_an_edited_summary_is_shown_as_checked_and_never_overwritten_by_the_generator(
    condition: Condition, editor_client: Client, editor
) -> None:
    """An editor's rewrite replaces the generated text, and a data change leaves it alone."""
    review = SummaryReview.objects.get(condition=condition)
    text = (
        "It is a rare condition that affects how the body stores sugar. This is not medical advice."
    )
    response = editor_client.post(_change_url(review), {"decision": "edit", "edited_text": text})
    assert response.status_code == 302
    Condition.objects.filter(pk=condition.pk).update(prevalence="1-5 / 10 000")
    summary_reviews_sync(condition_ids=[condition.pk])
    condition.refresh_from_db()
    review.refresh_from_db()
    assert condition.family_summary == text
    assert review.status == SummaryReviewStatus.EDITED
    assert review.history.filter(status="edited", history_user=editor).exists()
    html = _page(condition)
    assert text in html
    assert _checked_on_today() in html
    assert "10,000" not in html.split("Where each sentence comes from")[0]
    summary = _api_summary(condition)
    assert (summary["written_by"], summary["text"]) == ("editor", text)
    assert summary["checked_by_editor_on"] == timezone.localdate().isoformat()


def test_an_edit_without_text_is_refused_with_a_clear_error(
    condition: Condition, editor_client: Client
) -> None:
    """Choosing "use my text" with an empty box keeps the form open and says why."""
    review = SummaryReview.objects.get(condition=condition)
    response = editor_client.post(_change_url(review), {"decision": "edit", "edited_text": "  "})
    assert response.status_code == 200
    assert "Write the text families should read." in response.content.decode()
    review.refresh_from_db()
    assert review.status == SummaryReviewStatus.WAITING


def test_approving_a_text_that_changed_since_it_was_listed_is_refused(
    condition: Condition, editor_client: Client
) -> None:
    """An editor approves only the text they read: a newer text goes back to them first."""
    review = SummaryReview.objects.get(condition=condition)
    Condition.objects.filter(pk=condition.pk).update(prevalence="1-5 / 10 000")
    response = editor_client.post(
        _change_url(review), {"decision": "approve", "edited_text": ""}, follow=True
    )
    assert "the summary changed since it was shown" in response.content.decode()
    review.refresh_from_db()
    assert review.status == SummaryReviewStatus.WAITING
    assert "10,000" in review.generated_text
    assert UNCHECKED in _page(condition)


def test_a_full_sync_closes_the_run_a_lost_database_left_running() -> None:
    """Was: when PostgreSQL went away mid-sync the failure could not be written, so that run
    stayed "running" in the run log for good while the task's retry started a new one."""
    ConditionFactory(name="Testing storage disease")
    left = run_start(TASK, ALL, mode="full")
    summary_reviews_sync()
    left.refresh_from_db()
    assert left.status == RunStatus.FAILED
    assert left.errors[-1]["error"] == "Interrupted"
    assert RefreshRun.objects.get(task=TASK, scope=ALL, status=RunStatus.OK)


def test_a_second_full_sync_at_the_same_time_is_skipped() -> None:
    ConditionFactory(name="Testing storage disease")
    with refresh_lock(f"{TASK}:{ALL}") as held:
        assert held is not None
        assert summary_reviews_sync().skipped
    assert not RefreshRun.objects.filter(task=TASK).exists()
    assert not summary_reviews_sync().skipped  # the lock is free again
    assert RefreshRun.objects.get(task=TASK, scope=ALL, status=RunStatus.OK)
