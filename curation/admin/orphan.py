"""FDA orphan approvals in the editors' console: the ambiguous ones wait here for a condition."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from curation.services.orphan import orphan_approval_link, orphan_approval_reject
from knowledge.models import Condition, OrphanApproval, ReviewStatus


class WaitingFilter(admin.SimpleListFilter):
    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("waiting", "Waiting for review"), ("reviewed", "Reviewed")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "waiting":
            return queryset.filter(match="ambiguous", review_status=ReviewStatus.AUTO)
        if self.value() == "reviewed":
            return queryset.exclude(review_status=ReviewStatus.AUTO)
        return queryset


class ChooseConditionForm(forms.ModelForm):
    """The editor picks one of the candidates (or rejects them all)."""

    choose = forms.ModelChoiceField(
        queryset=Condition.objects.none(), required=False, label="Link to this condition"
    )
    reject = forms.BooleanField(required=False, label="None of the candidates fits")

    class Meta:
        model = OrphanApproval
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choose"].queryset = self.instance.candidates.order_by("name")


@admin.register(OrphanApproval)
class OrphanApprovalAdmin(admin.ModelAdmin):
    form = ChooseConditionForm
    list_display = ("generic_name", "designation", "approved_on", "match", "linked_condition",
                    "review_status")  # fmt: skip
    list_filter = (WaitingFilter, "match", "review_status", "withdrawn")
    list_select_related = ("link__condition",)
    search_fields = ("generic_name", "trade_name", "designation", "indication")
    readonly_fields = ("generic_name", "trade_name", "designation", "indication", "approved_on",
                       "withdrawn", "match", "matched_text", "candidate_list", "linked_condition",
                       "source", "source_url", "retrieved_on", "review_status", "reviewed_by",
                       "reviewed_at")  # fmt: skip
    fields = (*readonly_fields, "choose", "reject")

    @admin.display(description="condition")
    def linked_condition(self, obj: OrphanApproval) -> str:
        return str(obj.link.condition) if obj.link.condition_id else "—"

    @admin.display(description="candidates")
    def candidate_list(self, obj: OrphanApproval) -> str:
        return "; ".join(str(c) for c in obj.candidates.all()) or "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Choosing a candidate links it; rejecting keeps the approval unlinked."""
        if form.cleaned_data.get("choose"):
            orphan_approval_link(
                approval=obj, condition=form.cleaned_data["choose"], user=request.user
            )
        elif form.cleaned_data.get("reject"):
            orphan_approval_reject(approval=obj, user=request.user)
