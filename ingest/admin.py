"""The run log, read-only: every import and refresh, what it did and what failed."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from ingest.models import RefreshRun


@admin.register(RefreshRun)
class RefreshRunAdmin(admin.ModelAdmin):
    list_display = (
        "started_at",
        "task",
        "scope",
        "mode",
        "status",
        "fetched",
        "created",
        "updated",
        "unchanged",
        "failed",
        "finished_at",
    )
    list_filter = ("task", "status", "mode")
    search_fields = ("task", "scope")
    date_hierarchy = "started_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return [field.name for field in RefreshRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
