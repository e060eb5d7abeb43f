"""An edit made in the admin shows on the next anonymous request, even on a page that the
page cache answers before the session middleware (issue 14 item 10)."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import RegulatoryEvent
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import TherapyLinkFactory

pytestmark = pytest.mark.django_db


def test_an_admin_withdrawal_shows_on_the_next_anonymous_request(editor_client: Client) -> None:
    page_cache_invalidate()
    link = TherapyLinkFactory(status="fda_approved", approval_year_fda=2022)
    RegulatoryEvent.objects.create(
        link=link, region="US", kind="approved", date="2022-01-01", date_precision="year",
        summary="Approved.", urls=["https://www.fda.gov/x"], source="test",
        retrieved_on="2026-12-03",
    )  # fmt: skip
    reader, url = Client(), link.therapy.get_absolute_url()
    reader.get(url)
    cached = reader.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert "US: withdrawn" not in cached.content.decode()
    added = editor_client.post("/admin/knowledge/regulatoryevent/add/", {
        "link": link.pk, "region": "US", "kind": "withdrawn", "date": "2026-11-30",
        "date_precision": "day", "summary": "Withdrawn by the company.",
        "urls": "https://www.fda.gov/withdrawal", "not_confirmed": "",
        "source": "RareLabs editors", "source_url": "", "retrieved_on": "2026-12-03",
    })  # fmt: skip
    assert added.status_code == 302
    after = reader.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "US: withdrawn (30 November 2026)" in after.content.decode()
