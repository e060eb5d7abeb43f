"""The first start queues the trial and paper refreshes at once, later starts do not."""

from __future__ import annotations

import pytest

from ingest.models import RefreshRun
from rarelabs.supervisor import first_refresh_enqueue


@pytest.mark.django_db
def test_first_start_queues_both_refreshes_and_only_once() -> None:
    """Nothing refreshed yet: both due-refreshes are sent to the real broker now."""
    assert first_refresh_enqueue() == ["trials_refresh", "literature_refresh"]
    RefreshRun.objects.create(task="trials_refresh", scope="condition ORPHA:70")
    assert first_refresh_enqueue() == ["literature_refresh"]
    RefreshRun.objects.create(task="literature_refresh", scope="condition ORPHA:70")
    assert first_refresh_enqueue() == []


def test_after_a_load_the_worker_fills_the_summary_queue_once(celery_worker_process) -> None:
    """A load newer than the last summary sync queues one; the real worker composes the
    summaries into the editors' queue, and the next start queues nothing."""
    import time

    from django.utils import timezone

    from knowledge.models import SummaryReview
    from rarelabs.supervisor import summary_queue_enqueue
    from tests.factories.knowledge import ConditionFactory

    assert summary_queue_enqueue() is False  # nothing loaded yet
    condition = ConditionFactory(prevalence="1-9 / 100 000", inheritance=["autosomal_recessive"])
    RefreshRun.objects.create(task="load_knowledge_base", scope="test", status="ok",
                              finished_at=timezone.now())  # fmt: skip
    assert summary_queue_enqueue() is True
    deadline = time.monotonic() + 90
    while not SummaryReview.objects.filter(condition=condition).exists():
        assert time.monotonic() < deadline, "the worker did not fill the summary queue"
        time.sleep(0.5)
    review = SummaryReview.objects.get(condition=condition)
    assert "About 1 to 9 in 100,000 people have it." in review.generated_text
    while not RefreshRun.objects.filter(task="summary_reviews_sync", status="ok").exists():
        assert time.monotonic() < deadline, "the sync run was not recorded"
        time.sleep(0.5)
    assert summary_queue_enqueue() is False
