"""The summary queue: computer-written family summaries wait for an editor to approve or rewrite."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from curation.admin.actions import preview_link
from curation.services import SummaryReviewError, summary_approve, summary_edit
from curation.services.summaries import SUMMARY_MAX_CHARS
from knowledge.models import SummaryReview, SummaryReviewStatus

APPROVE, EDIT = "approve", "edit"


def summaries_waiting() -> QuerySet[SummaryReview]:
    """Summaries an editor has not checked in their current wording (no rewrite either)."""
    return SummaryReview.objects.filter(
        status=SummaryReviewStatus.WAITING, condition__family_summary=""
    )


class SummaryQueueFilter(admin.SimpleListFilter):
    title = "summary queue"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("waiting", "Waiting for review"), ("reviewed", "Checked by an editor")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "waiting":
            return queryset.filter(pk__in=summaries_waiting().values("pk"))
        if self.value() == "reviewed":
            return queryset.exclude(status=SummaryReviewStatus.WAITING)
        return queryset


class SummaryReviewForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[(APPROVE, "Approve the computer-written text as it is"),
                 (EDIT, "Use my text instead (the computer never changes it)")],
        widget=forms.RadioSelect,
        initial=APPROVE,
    )  # fmt: skip
    edited_text = forms.CharField(
        required=False,
        max_length=SUMMARY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 90}),
        help_text="Grade 8 or below. Say where the facts come from and that it is not medical "
        "advice if you add any.",
    )

    class Meta:
        model = SummaryReview
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        review = self.instance
        if review.pk:
            self.fields["edited_text"].initial = (
                review.condition.family_summary or review.generated_text
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == EDIT and not (data.get("edited_text") or "").strip():
            self.add_error("edited_text", "Write the text families should read.")
        return data


@admin.register(SummaryReview)
class SummaryReviewAdmin(admin.ModelAdmin):
    form = SummaryReviewForm
    list_display = ("condition", "status", "generated_at", "reviewed_by", "reviewed_at")
    list_filter = (SummaryQueueFilter, "status")
    list_select_related = ("condition", "reviewed_by")
    search_fields = ("condition__name", "=condition__primary_id")
    readonly_fields = ("condition", "public_page", "generated_text", "generated_at", "status",
                       "approved_text", "reviewed_by", "reviewed_at")  # fmt: skip
    fields = (*readonly_fields, "decision", "edited_text")
    actions = ("approve_summaries",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the generator fills the queue

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Public page")
    def public_page(self, obj: SummaryReview) -> str:
        return preview_link(obj.condition)

    def save_model(self, request: HttpRequest, obj: SummaryReview, form: Any, change: bool) -> None:
        obj._history_user = request.user
        try:
            if form.cleaned_data["decision"] == EDIT:
                summary_edit(review=obj, text=form.cleaned_data["edited_text"], user=request.user)
            else:
                summary_approve(review=obj, user=request.user)
        except SummaryReviewError as exc:
            self.message_user(request, f"Not saved: {exc}.", level=messages.ERROR)

    @admin.action(description="Approve selected summaries as written", permissions=["change"])
    def approve_summaries(self, request: HttpRequest, queryset: QuerySet) -> None:
        approved, stale = 0, 0
        for review in queryset.select_related("condition"):
            review._history_user = request.user
            try:
                summary_approve(review=review, user=request.user)
                approved += 1
            except SummaryReviewError:
                stale += 1
        self.message_user(request, f"Approved {approved} summary(ies).")
        if stale:
            self.message_user(
                request,
                f"{stale} summary(ies) changed since they were listed: read them again.",
                level=messages.WARNING,
            )
