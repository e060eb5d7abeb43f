"""Articles: publish and unpublish from the list (each recorded in history), preview links."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from content.models import ArticleStatus
from tests.factories.records import ArticleFactory

pytestmark = pytest.mark.django_db


def test_publishing_from_the_list_is_recorded_per_article(
    editor: User, editor_client: Client
) -> None:
    article = ArticleFactory(status="draft", published_at=None)
    editor_client.post(
        "/admin/content/article/", {"action": "publish", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == "published"
    assert article.published_at is not None
    record = article.history.first()
    assert record.history_user == editor
    changed = set(record.diff_against(record.prev_record).changed_fields)
    assert changed == {"status", "published_at"}


def test_an_article_page_links_to_its_preview(editor_client: Client) -> None:
    article = ArticleFactory(status="draft", published_at=None)
    page = editor_client.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert f'href="/articles/{article.slug}/?preview=1"' in page


def test_unpublishing_returns_an_article_to_draft(editor_client: Client) -> None:
    article = ArticleFactory()
    response = editor_client.post(
        "/admin/content/article/",
        {"action": "unpublish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Unpublished 1 article(s)." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
