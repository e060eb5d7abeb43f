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
