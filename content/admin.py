"""Articles for families: write, preview, publish and unpublish, with field-level history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from content.models import Article, ArticleStatus
from curation.admin.actions import make_reindex_action, preview_link

FAMILY_GRADE_TARGET = 8.0


@transaction.atomic
def _articles_set_status(queryset: QuerySet, *, status: str, user: Any) -> int:
    """Publish or unpublish articles one by one, so each history entry names the editor."""
    count = 0
    for article in queryset.select_for_update():
        if article.status == status:
            continue
        article.status = status
        if status == ArticleStatus.PUBLISHED and article.published_at is None:
            article.published_at = timezone.now()
        article._history_user = user
        article.save()
        count += 1
    return count


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "status", "published_at", "reading_grade", "public_page", "updated_at")
    list_filter = ("status", "published_at")
    search_fields = ("title", "slug", "summary", "tags")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related_conditions", "related_therapies")
    readonly_fields = ("public_page", "reading_grade", "reading_time_minutes", "updated_at")
    actions = ("publish", "unpublish", make_reindex_action("article"))
    date_hierarchy = "published_at"
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body", "author", "public_page")}),
        ("Publishing", {"fields": ("status", "published_at", "updated_at")}),
        ("Related", {"fields": ("tags", "related_conditions", "related_therapies")}),
        (
            "Extras",
            {
                "classes": ("collapse",),
                "fields": (
                    "faq",
                    "key_takeaways",
                    "tips",
                    "references",
                    "hero_image",
                    "hero_alt",
                    "reading_time_minutes",
                    "reading_grade",
                ),
            },
        ),
    )

    @admin.display(description="Public page")
    def public_page(self, obj: Article) -> str:
        return preview_link(obj)

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        from rarelabs.readability import reading_grade, reading_time_minutes

        if obj.status == ArticleStatus.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        obj.reading_grade = round(reading_grade(obj.body), 1)
        obj.reading_time_minutes = reading_time_minutes(obj.body)
        super().save_model(request, obj, form, change)
        if obj.reading_grade > FAMILY_GRADE_TARGET:
            self.message_user(
                request,
                f"This article reads at grade {obj.reading_grade:.1f}; aim for "
                f"{FAMILY_GRADE_TARGET:.0f} or below.",
                messages.WARNING,
            )

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = _articles_set_status(queryset, status=ArticleStatus.PUBLISHED, user=request.user)
        self.message_user(request, f"Published {count} article(s).")

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = _articles_set_status(queryset, status=ArticleStatus.DRAFT, user=request.user)
        self.message_user(request, f"Unpublished {count} article(s).")
