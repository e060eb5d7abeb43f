"""An editor logs in to the admin in a real browser and publishes a draft article."""

from __future__ import annotations

import pytest

from content.models import Article, ArticleStatus
from rarelabs.management.roles import EDITOR
from tests.curation.conftest import PASSWORD, make_user
from tests.factories.knowledge import ConditionFactory
from tests.factories.records import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_publishes_a_draft_article(live_server: object, browser: object) -> None:
    editor = make_user("browser-editor", group=EDITOR)
    draft = ArticleFactory(
        title="Living with a rare condition", status=ArticleStatus.DRAFT, published_at=None
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/content/article/")
        assert "/admin/login/" in page.url  # anonymous visitors are sent to log in
        page.fill("#id_username", editor.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/content/article/")

        row = page.locator("tr", has_text="Living with a rare condition")
        assert "Draft" in row.inner_text()
        row.locator("input.action-select").check()
        page.select_option("select[name=action]", "publish")
        page.click("button[name=index]")
        page.wait_for_selector("ul.messagelist")
        assert "Published 1 article(s)." in page.locator("ul.messagelist").inner_text()
        assert (
            "Published" in page.locator("tr", has_text="Living with a rare condition").inner_text()
        )
    finally:
        context.close()

    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED
    assert draft.published_at is not None
    assert draft.history.first().history_user == editor
    assert Article.objects.public().filter(pk=draft.pk).exists()


def test_the_family_summary_shows_its_reading_grade_while_typing(
    live_server: object, browser: object
) -> None:
    editor = make_user("grade-editor", group=EDITOR)
    condition = ConditionFactory(name="A test condition for grading")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(
            f"{live_server.url}/admin/login/?next=/admin/knowledge/condition/{condition.pk}/change/"
        )
        page.fill("#id_username", editor.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.fill("#id_family_summary", "Your child has a rare illness. It makes muscles weak.")
        feedback = page.locator("p.reading-grade")
        feedback.filter(has_text="good: at or below grade 8").wait_for()
        assert feedback.inner_text().startswith("Reading grade ")
    finally:
        context.close()
