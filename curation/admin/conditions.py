"""Condition admin: family summary with reading-grade feedback, names, ids, merge and refresh."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from curation.admin.actions import make_reindex_action, preview_link, run_log_url
from curation.admin.forms import ProvenanceDefaultsMixin
from curation.admin.merge import merge_conditions
from curation.admin.widgets import KnownChoicesInlineMixin
from curation.services import task_enqueue
from identifiers.ids import IdentifierKind, parse_identifier
from ingest.tasks import condition_refresh_task
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
)

FAMILY_GRADE_TARGET = 8.0
_CONDITION_KINDS = {
    IdentifierKind.ORPHA,
    IdentifierKind.OMIM,
    IdentifierKind.MONDO,
    IdentifierKind.GARD,
}


def is_administrator(user: Any) -> bool:
    """Administrators (and superusers) may edit imported facts; editors write summaries."""
    return user.is_superuser or user.groups.filter(name="Administrator").exists()


def reading_grade_of(text: str) -> float:
    """The reading grade of a family-facing Markdown text."""
    from rarelabs.readability import reading_grade

    return round(reading_grade(text), 1)


class ConditionIdentifierInline(ProvenanceDefaultsMixin, admin.TabularInline):
    model = ConditionIdentifier
    extra = 0
    fields = ("scheme", "value", "mapping", "source", "source_id", "retrieved_on")


class ConditionSynonymInline(ProvenanceDefaultsMixin, admin.TabularInline):
    model = ConditionSynonym
    extra = 0
    fields = ("text", "kind", "source", "source_id", "retrieved_on")


class ConditionGeneInline(KnownChoicesInlineMixin, ProvenanceDefaultsMixin, admin.TabularInline):
    model = ConditionGene
    extra = 0
    autocomplete_fields = ("gene",)
    fields = ("gene", "association", "source", "source_id", "retrieved_on")
    classes = ("collapse",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("gene")


class ConditionPhenotypeInline(
    KnownChoicesInlineMixin, ProvenanceDefaultsMixin, admin.TabularInline
):
    model = ConditionPhenotype
    extra = 0
    autocomplete_fields = ("phenotype",)
    fields = ("phenotype", "frequency", "frequency_label", "source", "retrieved_on")
    classes = ("collapse",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("phenotype")


class ConditionSubtypeInline(ProvenanceDefaultsMixin, admin.TabularInline):
    """The types of this condition (Orphanet's classification, one level down)."""

    model = ConditionSubtype
    fk_name = "parent"
    extra = 0
    autocomplete_fields = ("child",)
    fields = ("child", "source", "source_id", "retrieved_on")
    verbose_name = "type of this condition"
    verbose_name_plural = "types of this condition (Orphanet classification)"
    classes = ("collapse",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("child")


class HasSummaryFilter(admin.SimpleListFilter):
    title = "family summary"
    parameter_name = "summary"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Written"), ("no", "Missing")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(family_summary="")
        if self.value() == "no":
            return queryset.filter(family_summary="")
        return queryset


@admin.register(Condition)
class ConditionAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "primary_id",
        "cross_references",
        "is_group",
        "has_summary",
        "updated_at",
    )
    list_filter = (HasSummaryFilter, "is_group", "disorder_type", "identifiers__scheme")
    search_fields = ("name", "=primary_id", "synonyms__text", "=identifiers__value")
    search_help_text = "Name, synonym, or an identifier such as ORPHA:586 or OMIM:253300."
    readonly_fields = (
        "slug",
        "public_page",
        "family_summary_updated_at",
        "created_at",
        "updated_at",
    )
    inlines = (
        ConditionSynonymInline,
        ConditionIdentifierInline,
        ConditionGeneInline,
        ConditionPhenotypeInline,
        ConditionSubtypeInline,
    )
    actions = ("refresh_now", merge_conditions, make_reindex_action("condition"))
    fieldsets = (
        (
            None,
            {"fields": ("name", "slug", "primary_id", "public_page", "disorder_type", "is_group")},
        ),
        ("For families", {"fields": ("family_summary", "family_summary_updated_at")}),
        (
            "Facts from sources",
            {
                "fields": (
                    "definition",
                    "definition_source",
                    "inheritance",
                    "onset",
                    "prevalence",
                    "prevalence_source",
                    "facts_source",
                    "retrieved_on",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    class Media:
        js = ("js/admin_reading_grade.js",)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "family_summary":
            field.widget.attrs.update(
                {
                    "data-reading-grade-url": reverse("admin:knowledge_condition_reading_grade"),
                    "data-reading-grade-target": f"{FAMILY_GRADE_TARGET:g}",
                }
            )
        return field

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name == "knowledge_condition_changelist":
            queryset = queryset.prefetch_related("identifiers")
        return queryset

    def get_readonly_fields(self, request: HttpRequest, obj: Condition | None = None) -> tuple:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is None or is_administrator(request.user):
            return fields
        # Editors write the family summary; imported facts change only through the importers.
        editable = {"family_summary"}
        every = [f for _, opts in self.fieldsets for f in opts["fields"]]
        return fields + tuple(f for f in every if f not in editable and f not in fields)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple:
        ident = parse_identifier(search_term)
        if ident is not None and ident.kind in _CONDITION_KINDS:
            values = {ident.value, ident.value.lstrip("0")}
            found = queryset.filter(
                Q(primary_id__iexact=ident.curie)
                | Q(identifiers__scheme=ident.kind.value, identifiers__value__in=values)
            )
            return found, True
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="Cross-references")
    def cross_references(self, obj: Condition) -> str:
        return ", ".join(sorted(i.curie for i in obj.identifiers.all())[:6])

    @admin.display(description="Summary", boolean=True)
    def has_summary(self, obj: Condition) -> bool:
        return bool(obj.family_summary)

    @admin.display(description="Public page")
    def public_page(self, obj: Condition) -> str:
        return preview_link(obj)

    def save_model(self, request: HttpRequest, obj: Condition, form: Any, change: bool) -> None:
        if "family_summary" in form.changed_data:
            obj.family_summary_updated_at = timezone.now()
        super().save_model(request, obj, form, change)
        if "family_summary" in form.changed_data and obj.family_summary:
            grade = reading_grade_of(obj.family_summary)
            level = messages.SUCCESS if grade <= FAMILY_GRADE_TARGET else messages.WARNING
            self.message_user(
                request,
                f"The family summary reads at grade {grade:.1f} (aim for {FAMILY_GRADE_TARGET:.0f} "
                "or below).",
                level=level,
            )

    @admin.action(description="Refresh selected conditions now", permissions=["change"])
    def refresh_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        for pk in ids:
            task_enqueue(task=condition_refresh_task, args=(pk,))
        self.message_user(
            request,
            format_html(
                "Queued a refresh of {} condition(s). Each run will appear in the "
                '<a href="{}">run log</a>.',
                len(ids),
                run_log_url(),
            ),
        )

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(require_POST(reading_grade_view))
        return [
            path("reading-grade/", view, name="knowledge_condition_reading_grade"),
            *super().get_urls(),
        ]


def reading_grade_view(request: HttpRequest) -> HttpResponse:
    """JSON {"grade": float, "target": 8} for the text an editor is typing."""
    try:
        text = json.loads(request.body or b"{}").get("text", "")
    except (ValueError, AttributeError):
        return JsonResponse({"error": 'send JSON {"text": "..."}'}, status=400)
    if not isinstance(text, str) or len(text) > 50_000:
        return JsonResponse({"error": "text must be a string under 50,000 characters"}, status=400)
    grade = reading_grade_of(text) if text.strip() else None
    return JsonResponse({"grade": grade, "target": FAMILY_GRADE_TARGET})
