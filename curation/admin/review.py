"""The review queue: name-matched links wait for an editor to confirm, correct or reject."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from curation.services import link_correct, link_review, links_review
from knowledge.models import ReviewStatus
from knowledge.models.common import LinkMethod


def waiting_filter() -> dict[str, str]:
    """Query parameters of the queue: automatic, name-matched links."""
    return {"review_status": ReviewStatus.AUTO, "method": LinkMethod.NAME_MATCH}


class ReviewQueueFilter(admin.SimpleListFilter):
    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("waiting", "Waiting for review"), ("reviewed", "Reviewed")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "waiting":
            return queryset.filter(**waiting_filter())
        if self.value() == "reviewed":
            return queryset.exclude(review_status=ReviewStatus.AUTO)
        return queryset


class ReviewLinkForm(forms.ModelForm):
    """A correction may point at a condition the record is already linked to: the service folds
    the two links, so the uniqueness check must not refuse it first."""

    def _get_validation_exclusions(self) -> set[str]:
        exclusions = set(super()._get_validation_exclusions())
        if "condition" in self.changed_data:
            exclusions.add("condition")
        return exclusions


class ReviewableLinkAdmin(admin.ModelAdmin):
    """Shared admin of TrialLink and PublicationLink; `record_field` names the linked record."""

    record_field = ""
    form = ReviewLinkForm
    list_filter = (ReviewQueueFilter, "review_status", "method")
    autocomplete_fields = ("condition", "gene", "therapy")
    readonly_fields = ("method", "matched_text", "reviewed_by", "reviewed_at", "created_at")
    actions = ("confirm_links", "reject_links")
    date_hierarchy = "created_at"

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        return (
            self.record_field,
            "matched_text",
            "condition",
            "gene",
            "therapy",
            "method",
            "review_status",
            "reviewed_by",
            "created_at",
        )

    def get_list_select_related(self, request: HttpRequest) -> tuple[str, ...]:
        return (self.record_field, "condition", "gene", "therapy", "reviewed_by")

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> tuple[str, ...]:
        return (
            self.record_field,
            "matched_text",
            "method",
            "condition",
            "gene",
            "therapy",
            "review_status",
            "reviewed_by",
            "reviewed_at",
            "created_at",
        )

    def get_autocomplete_fields(self, request: HttpRequest) -> tuple[str, ...]:
        return (self.record_field, *self.autocomplete_fields)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Editing the condition is a correction; editing the status is a decision."""
        if change and "condition" in form.changed_data and obj.condition_id:
            link_correct(link=obj, condition=obj.condition, user=request.user)
        elif (
            change
            and "review_status" in form.changed_data
            and obj.review_status in (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED)
        ):
            link_review(link=obj, status=obj.review_status, user=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description="Confirm selected links", permissions=["change"])
    def confirm_links(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = links_review(links=queryset, status=ReviewStatus.CONFIRMED, user=request.user)
        self.message_user(request, f"Confirmed {count} link(s).")

    @admin.action(description="Reject selected links", permissions=["change"])
    def reject_links(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = links_review(links=queryset, status=ReviewStatus.REJECTED, user=request.user)
        self.message_user(request, f"Rejected {count} link(s).")


class ReviewableLinkInline(admin.TabularInline):
    """Read-only list of a record's links on the trial or publication page."""

    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("condition", "gene", "therapy", "method", "matched_text", "review_status")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("condition", "gene", "therapy")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
