"""Editors pick the condition of an FDA orphan approval whose indication named several."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kbimport.importers.fda_orphan import SOURCE
from knowledge.models import ApprovalStatus, OrphanApproval, ReviewStatus, TherapyLink
from tests.factories.knowledge import ConditionFactory, TherapyFactory

pytestmark = pytest.mark.django_db


def _waiting() -> OrphanApproval:
    """Lanadelumab for 'hereditary angioedema' with two numbered types as candidates."""
    therapy = TherapyFactory(name="lanadelumab", source=SOURCE)
    link = TherapyLink.objects.create(
        therapy=therapy, condition=None, condition_name="Hereditary angioedema",
        status=ApprovalStatus.FDA_APPROVED, evidence_level="regulatory_approval",
        source=SOURCE, retrieved_on=dt.date(2022, 1, 7), approval_year_fda=2018,
    )  # fmt: skip
    approval = OrphanApproval.objects.create(
        link=link, generic_name="lanadelumab-flyo", trade_name="Takhzyro",
        designation="Prevention of attacks of hereditary angioedema",
        indication="Prophylaxis to prevent attacks of hereditary angioedema (HAE) in patients 12 "
        "years and older", approved_on=dt.date(2018, 8, 23), match="ambiguous",
        matched_text="hereditary angioedema", source=SOURCE, source_id="x/2018-08-23/abc",
        retrieved_on=dt.date(2022, 1, 7),
    )  # fmt: skip
    approval.candidates.set(
        [ConditionFactory(name="Angioedema, hereditary, 1", slug="test-hae-1"),
         ConditionFactory(name="Angioedema, hereditary, 3", slug="test-hae-3")]
    )  # fmt: skip
    return approval


def test_the_queue_lists_the_approval_with_its_candidates(editor_client: Client) -> None:
    """The index counts it; its page shows the indication and the candidate conditions."""
    approval = _waiting()
    index = editor_client.get("/admin/")
    queue = {row["label"]: row["count"] for row in index.context["review_queue"]}
    assert queue["FDA orphan approvals"] == 1
    page = editor_client.get(f"/admin/knowledge/orphanapproval/{approval.pk}/change/")
    html = page.content.decode()
    assert "Angioedema, hereditary, 1" in html
    assert "Prophylaxis to prevent attacks" in html


def test_choosing_a_candidate_links_the_approval_and_the_page_shows_it(
    editor_client: Client, client: Client
) -> None:
    """The chosen condition's page lists lanadelumab as approved, dated and sourced."""
    approval = _waiting()
    chosen = approval.candidates.get(name="Angioedema, hereditary, 1")
    response = editor_client.post(
        f"/admin/knowledge/orphanapproval/{approval.pk}/change/", {"choose": chosen.pk}
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.review_status == ReviewStatus.CONFIRMED
    assert approval.link.condition_id == chosen.pk
    assert not TherapyLink.objects.filter(therapy__name="lanadelumab", condition=None).exists()
    assert approval.candidates.count() == 0
    html = client.get(chosen.get_absolute_url()).content.decode()
    assert "lanadelumab" in html
    assert "FDA approved 23 Aug 2018" in html
