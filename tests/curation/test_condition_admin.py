"""Condition editing: finding a condition by any name or id, reading-grade feedback, actions."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client

from knowledge.models import Condition, IdentifierScheme
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionIdentifierFactory,
    ConditionSynonymFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/knowledge/condition/"
GRADE_URL = "/admin/knowledge/condition/reading-grade/"
EASY = "Your child has a rare illness. It makes the muscles weak. Doctors can help."
HARD = (
    "Spinal muscular atrophy constitutes a heterogeneous neuromuscular disorder characterized by "
    "progressive degeneration of anterior horn motor neurons, consequently precipitating "
    "generalized hypotonia, respiratory insufficiency and considerable developmental complications."
)


@pytest.fixture
def sma() -> Condition:
    condition = ConditionFactory(name="Proximal spinal muscular atrophy", primary_id="ORPHA:70")
    ConditionIdentifierFactory(condition=condition, scheme=IdentifierScheme.OMIM, value="253300")
    ConditionIdentifierFactory(condition=condition, scheme=IdentifierScheme.ORPHA, value="83330")
    ConditionSynonymFactory(condition=condition, text="Werdnig-Hoffmann disease")
    ConditionFactory(name="Unrelated condition")
    return condition


@pytest.mark.parametrize(
    "term",
    [
        "werdnig-hoffmann",
        "ORPHA:83330",
        "Orphanet 83330",
        "OMIM:253300",
        "253300",
        "ORPHA:70",
        "spinal muscular",
    ],
)
def test_a_condition_is_found_by_any_synonym_or_identifier(
    editor_client: Client, sma: Condition, term: str
) -> None:
    results = editor_client.get(CHANGELIST, {"q": term}).context["cl"].result_list
    assert [c.pk for c in results] == [sma.pk]


def test_an_unknown_identifier_finds_nothing(editor_client: Client, sma: Condition) -> None:
    assert list(editor_client.get(CHANGELIST, {"q": "OMIM:100100"}).context["cl"].result_list) == []


def test_the_reading_grade_endpoint_scores_plain_text_lower(editor_client: Client) -> None:
    easy = editor_client.post(GRADE_URL, {"text": EASY}, content_type="application/json").json()
    hard = editor_client.post(GRADE_URL, {"text": HARD}, content_type="application/json").json()
    assert easy["target"] == 8
    assert easy["grade"] <= 8 < hard["grade"]


def test_the_reading_grade_endpoint_is_for_staff_only(
    client: Client, editor_client: Client
) -> None:
    assert (
        client.post(GRADE_URL, {"text": EASY}, content_type="application/json").status_code == 302
    )
    assert editor_client.get(GRADE_URL).status_code == 405
    bad = editor_client.post(GRADE_URL, "not json", content_type="application/json")
    assert bad.status_code == 400


def test_the_summary_field_is_wired_to_the_live_grade(
    editor_client: Client, sma: Condition
) -> None:
    page = editor_client.get(f"{CHANGELIST}{sma.pk}/change/").content.decode()
    assert f'data-reading-grade-url="{GRADE_URL}"' in page
    assert "js/admin_reading_grade.js" in page


def _post_summary(client: Client, condition: Condition, text: str) -> str:
    data = {"family_summary": text}
    for prefix in ("gene_links", "phenotypes"):
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
    for prefix in ("synonyms", "identifiers"):
        rows = list(getattr(condition, prefix).all())
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-condition"] = condition.pk
            for field in (
                "scheme",
                "value",
                "mapping",
                "text",
                "kind",
                "source",
                "source_id",
                "retrieved_on",
            ):
                if hasattr(row, field):
                    data[f"{prefix}-{i}-{field}"] = getattr(row, field)
    response = client.post(f"{CHANGELIST}{condition.pk}/change/", data, follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    return response.content.decode()


def test_an_editor_saves_a_summary_and_sees_its_grade(
    editor: User, editor_client: Client, sma: Condition
) -> None:
    page = _post_summary(editor_client, sma, EASY)
    assert "The family summary reads at grade" in page
    sma.refresh_from_db()
    assert sma.family_summary == EASY
    assert sma.family_summary_updated_at is not None
    assert sma.history.first().history_user == editor


def test_a_hard_summary_is_saved_with_a_warning(editor_client: Client, sma: Condition) -> None:
    page = _post_summary(editor_client, sma, HARD)
    assert 'class="warning"' in page
    assert "aim for 8 or below" in page


def test_editors_cannot_rewrite_imported_facts(editor_client: Client, sma: Condition) -> None:
    form = editor_client.get(f"{CHANGELIST}{sma.pk}/change/").context["adminform"].form
    assert "family_summary" in form.fields
    assert "definition" not in form.fields
    assert "name" not in form.fields


def test_refresh_now_queues_the_refresh_and_points_to_the_run_log(
    editor_client: Client,
    sma: Condition,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: object,
) -> None:
    caplog.set_level(logging.WARNING)
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(
            CHANGELIST, {"action": "refresh_now", "_selected_action": [sma.pk]}, follow=True
        )
    page = response.content.decode()
    assert "/admin/ingest/refreshrun/" in page
    assert "not available yet" not in page
    assert len([c for c in callbacks if "task_enqueue" in c.__qualname__]) == 1


def test_the_change_page_links_to_a_preview_of_the_public_page(
    editor_client: Client, sma: Condition
) -> None:
    page = editor_client.get(f"{CHANGELIST}{sma.pk}/change/").content.decode()
    assert f'href="/conditions/{sma.slug}/?preview=1"' in page


def test_reindex_selected_queues_the_search_update(
    editor_client: Client, sma: Condition, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(
            CHANGELIST, {"action": "reindex_selected", "_selected_action": [sma.pk]}, follow=True
        )
    assert "Queued search reindex of 1 condition rows." in response.content.decode()
    assert len([c for c in callbacks if "task_enqueue" in c.__qualname__]) == 1
