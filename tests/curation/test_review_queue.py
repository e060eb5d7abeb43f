"""The review queue end to end: name-matched links wait, editors confirm, correct or reject."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from knowledge.models import ReviewStatus
from knowledge.models.common import LinkMethod
from literature.models import PublicationLink
from tests.factories.knowledge import ConditionFactory
from tests.factories.records import ClinicalTrialFactory, PublicationFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/trials/triallink/"


def auto_trial_link(**kwargs: object) -> TrialLink:
    kwargs.setdefault("condition", ConditionFactory())
    return TrialLink.objects.create(
        trial=ClinicalTrialFactory(), method=LinkMethod.NAME_MATCH, matched_text="test", **kwargs
    )


def test_the_index_counts_links_waiting_for_review(editor_client: Client) -> None:
    for _ in range(3):
        auto_trial_link()
    auto_trial_link(review_status=ReviewStatus.CONFIRMED)
    TrialLink.objects.create(
        trial=ClinicalTrialFactory(), condition=ConditionFactory(), method=LinkMethod.IDENTIFIER
    )
    PublicationLink.objects.create(
        publication=PublicationFactory(), condition=ConditionFactory(), method=LinkMethod.NAME_MATCH
    )
    response = editor_client.get("/admin/")
    queue = {row["label"]: row["count"] for row in response.context["review_queue"]}
    assert queue == {"Trial links": 3, "Publication links": 1, "FDA orphan approvals": 0,
                     "Family summaries": 0}  # fmt: skip
    assert f"{CHANGELIST}?queue=waiting" in response.content.decode()


def test_the_queue_lists_only_waiting_links(editor_client: Client) -> None:
    waiting = auto_trial_link()
    done = auto_trial_link(review_status=ReviewStatus.REJECTED)
    response = editor_client.get(CHANGELIST, {"queue": "waiting"})
    shown = {link.pk for link in response.context["cl"].result_list}
    assert shown == {waiting.pk}
    assert done.pk not in shown


def test_confirming_records_who_and_when(editor: User, editor_client: Client) -> None:
    link = auto_trial_link()
    other = auto_trial_link()
    response = editor_client.post(
        CHANGELIST, {"action": "confirm_links", "_selected_action": [link.pk]}, follow=True
    )
    assert "Confirmed 1 link" in response.content.decode()
    link.refresh_from_db()
    other.refresh_from_db()
    assert link.review_status == ReviewStatus.CONFIRMED
    assert link.reviewed_by == editor
    assert link.reviewed_at is not None
    assert other.review_status == ReviewStatus.AUTO
    assert other.reviewed_by is None
    queue = editor_client.get(CHANGELIST, {"queue": "waiting"}).context["cl"].result_list
    assert [row.pk for row in queue] == [other.pk]


def test_rejecting_a_publication_link(editor: User, editor_client: Client) -> None:
    link = PublicationLink.objects.create(
        publication=PublicationFactory(), condition=ConditionFactory(), method=LinkMethod.NAME_MATCH
    )
    editor_client.post(
        "/admin/literature/publicationlink/",
        {"action": "reject_links", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert (link.review_status, link.reviewed_by) == (ReviewStatus.REJECTED, editor)
    assert link.reviewed_at is not None


def _change_form(link: TrialLink, **changes: object) -> dict[str, object]:
    data = {
        "trial": link.trial_id,
        "condition": link.condition_id or "",
        "gene": "",
        "therapy": "",
        "review_status": link.review_status,
    }
    data.update(changes)
    return data


def test_correcting_the_condition_confirms_the_corrected_link(
    editor: User, editor_client: Client
) -> None:
    link = auto_trial_link()
    right = ConditionFactory(name="The right condition")
    url = f"/admin/trials/triallink/{link.pk}/change/"
    response = editor_client.post(url, _change_form(link, condition=right.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    link.refresh_from_db()
    assert link.condition == right
    assert (link.review_status, link.reviewed_by) == (ReviewStatus.CONFIRMED, editor)


def test_correcting_onto_an_existing_link_folds_them(editor: User, editor_client: Client) -> None:
    right = ConditionFactory()
    wrong_link = auto_trial_link()
    existing = TrialLink.objects.create(
        trial=wrong_link.trial, condition=right, method=LinkMethod.IDENTIFIER
    )
    editor_client.post(
        f"/admin/trials/triallink/{wrong_link.pk}/change/",
        _change_form(wrong_link, condition=right.pk),
    )
    assert not TrialLink.objects.filter(pk=wrong_link.pk).exists()
    existing.refresh_from_db()
    assert (existing.review_status, existing.reviewed_by) == (ReviewStatus.CONFIRMED, editor)
    assert TrialLink.objects.filter(trial=wrong_link.trial).count() == 1


def test_choosing_a_decision_on_the_change_form(editor: User, editor_client: Client) -> None:
    link = auto_trial_link()
    editor_client.post(
        f"/admin/trials/triallink/{link.pk}/change/",
        _change_form(link, review_status=ReviewStatus.REJECTED),
    )
    link.refresh_from_db()
    assert (link.review_status, link.reviewed_by) == (ReviewStatus.REJECTED, editor)
