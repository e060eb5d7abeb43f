"""Therapy candidates and their links to conditions, genes and variants, with checked references."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from curation.admin.actions import make_reindex_action, preview_link
from curation.admin.forms import ProvenanceDefaultsMixin, TherapyLinkForm
from curation.admin.widgets import KnownChoicesInlineMixin
from curation.services import references_fetch_missing
from curation.services.merge_rows import change_reason
from curation.services.therapy_rename import therapy_slug_moved, with_former_name
from knowledge.models import RegulatoryEvent, Therapy, TherapyLink
from knowledge.therapy_names import name_as_stored

LINK_FIELDS = (
    "condition",
    "condition_name",
    "status",
    "phase",
    "evidence_level",
    "genes",
    "variants",
    "variant_scope",
    "pmids",
    "nct_ids",
    "urls",
    "source",
    "source_id",
    "retrieved_on",
)


def _fetch_missing_references(
    request: HttpRequest, modeladmin: Any, links: Iterable[TherapyLink]
) -> None:
    """Ask the refresh worker for cited publications and trials that are not stored yet."""
    pmids = [p for link in links for p in link.pmids]
    nct_ids = [n for link in links for n in link.nct_ids]
    if not pmids and not nct_ids:
        return
    missing_pmids, missing_ncts = references_fetch_missing(pmids=pmids, nct_ids=nct_ids)
    if missing_pmids or missing_ncts:
        modeladmin.message_user(
            request,
            "Asked the refresh worker to fetch references not stored yet: "
            + ", ".join([*(f"PMID {p}" for p in missing_pmids), *missing_ncts]),
            messages.INFO,
        )


class TherapyLinkInline(KnownChoicesInlineMixin, ProvenanceDefaultsMixin, admin.StackedInline):
    model = TherapyLink
    form = TherapyLinkForm
    extra = 0
    show_change_link = True
    autocomplete_fields = ("condition", "genes", "variants")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("condition", "condition_name"),
                    ("status", "phase", "evidence_level"),
                    ("genes", "variants"),
                    "variant_scope",
                )
            },
        ),
        (
            "References",
            {"fields": (("pmids", "nct_ids"), "urls", ("source", "source_id", "retrieved_on"))},
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("therapy", "condition")  # str(link) names its therapy
            .prefetch_related("genes", "variants")
        )


class TherapyForm(forms.ModelForm):
    """A therapy whose name is written as every other writer of names writes it."""

    def clean_name(self) -> str:
        return name_as_stored(self.cleaned_data["name"])


@admin.register(Therapy)
class TherapyAdmin(ProvenanceDefaultsMixin, SimpleHistoryAdmin):
    form = TherapyForm
    list_display = ("name", "modality", "link_count", "public_page", "updated_at")
    list_filter = ("modality", "links__status", "links__evidence_level")
    search_fields = ("name", "slug", "synonyms", "links__condition_name")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("public_page", "updated_at")
    inlines = (TherapyLinkInline,)
    actions = (make_reindex_action("therapy"),)
    fields = (
        "name",
        "slug",
        "synonyms",
        "modality",
        "mechanism",
        "notes",
        "public_page",
        "source",
        "source_id",
        "source_url",
        "retrieved_on",
        "updated_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(n_links=Count("links"))

    @admin.display(description="Links", ordering="n_links")
    def link_count(self, obj: Therapy) -> int:
        return obj.n_links

    @admin.display(description="Public page")
    def public_page(self, obj: Therapy) -> str:
        return preview_link(obj)

    def save_model(self, request: HttpRequest, obj: Therapy, form: Any, change: bool) -> None:
        """A changed name stays one of the record's names (the FDA import joins by it) and the
        history says an editor renamed it; a changed slug keeps the old address working (a
        permanent redirect to the new one); a slug that redirected elsewhere now names this
        record."""
        old_name = form.initial.get("name") or ""
        if change and old_name and obj.name != old_name:
            obj.synonyms = with_former_name(obj.synonyms, old_name)
            obj._change_reason = change_reason(f"renamed from {old_name} by an editor")
        super().save_model(request, obj, form, change)
        if "slug" in form.changed_data:
            therapy_slug_moved(therapy=obj, old_slug=form.initial.get("slug") or "")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is TherapyLink:
            changed = [
                f.instance
                for f in formset.forms
                if f.has_changed() and f.instance.pk and f not in formset.deleted_forms
            ]
            _fetch_missing_references(request, self, changed)


class RegulatoryEventInline(ProvenanceDefaultsMixin, admin.TabularInline):
    """A label change, boxed warning, expiry or withdrawal, dated and sourced (see docs/data.md).

    Pages derive the link's current status from these rows; each change is kept in history.
    """

    model = RegulatoryEvent
    extra = 0
    fields = ("region", "kind", "date", "date_precision", "summary", "urls", "not_confirmed",
              "source", "source_url", "retrieved_on")  # fmt: skip
    ordering = ("date", "pk")


@admin.register(RegulatoryEvent)
class RegulatoryEventAdmin(ProvenanceDefaultsMixin, SimpleHistoryAdmin):
    list_display = ("link", "region", "kind", "date", "date_precision", "retrieved_on")
    list_select_related = ("link__therapy",)
    list_filter = ("region", "kind")
    search_fields = ("link__therapy__name", "link__condition_name", "summary")
    autocomplete_fields = ("link",)


@admin.register(TherapyLink)
class TherapyLinkAdmin(ProvenanceDefaultsMixin, SimpleHistoryAdmin):
    form = TherapyLinkForm
    list_display = ("therapy", "condition_name", "condition", "status", "phase", "evidence_level")
    list_select_related = ("therapy", "condition")
    list_filter = ("status", "evidence_level", "therapy__modality")
    search_fields = ("therapy__name", "condition_name", "condition__name", "pmids", "nct_ids")
    autocomplete_fields = ("therapy", "condition", "genes", "variants")
    readonly_fields = ("updated_at", "current_status_display")
    inlines = (RegulatoryEventInline,)
    fields = (
        "therapy",
        *LINK_FIELDS,
        "current_status_display",
        "population",
        "not_confirmed",
        "approval_year_fda",
        "approval_year_ema",
        "variant_rule",
        "verification",
        "source_url",
        "updated_at",
    )

    @admin.display(description="Status today (from the regulatory events)")
    def current_status_display(self, obj: TherapyLink) -> str:
        return obj.regulatory.summary or obj.current_status_label if obj.pk else "-"

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        _fetch_missing_references(request, self, [form.instance])
