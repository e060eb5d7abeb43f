"""Shared by the tests where an editor changes a curated row in the admin, then a load runs:
a clean cache for each test, and the regulatory event they correct (ataluren's EU expiry)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from knowledge.models import RegulatoryEvent

ATALUREN = "ataluren"


@pytest.fixture
def fresh_cache() -> None:
    cache.clear()  # the page cache and the API's throttle counters live in the cache


def ataluren_expiry() -> RegulatoryEvent:
    """The EU expiry on the link's first row (the link names DMD by ORPHA and OMIM: two rows)."""
    events = RegulatoryEvent.objects.filter(
        link__therapy__name=ATALUREN, region="EU", kind="expired"
    )
    return events.order_by("link_id", "pk").first()
