"""Admin actions and columns shared by every app's admin: reindex, preview, public links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from curation.services import task_enqueue
from search.tasks import search_reindex_task


def public_url(obj: Model) -> str:
    """The object's public page, or "" while the site has no page for it yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def preview_link(obj: Model) -> str:
    """A link to the page as the public sees it; staff get drafts through ?preview=1."""
    url = public_url(obj) if obj.pk else ""
    if not url:
        return "-"
    return format_html(
        '<a href="{}?preview=1" target="_blank" rel="noopener">Preview the public page</a>', url
    )


def make_reindex_action(doc_type: str) -> Callable[..., None]:
    """An admin action that queues the search reindex of the selected rows."""

    @admin.action(description="Reindex selected in search", permissions=["change"])
    def reindex_selected(modeladmin: Any, request: HttpRequest, queryset: QuerySet) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        task_enqueue(task=search_reindex_task, args=(doc_type, ids))
        modeladmin.message_user(request, f"Queued search reindex of {len(ids)} {doc_type} rows.")

    return reindex_selected


def run_log_url() -> str:
    """The admin list of refresh runs, newest first."""
    return reverse("admin:ingest_refreshrun_changelist")
