"""The "merge two conditions" admin action, with a confirmation page choosing the survivor."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from curation.services import MergeError, condition_merge
from knowledge.models import Condition

_COUNTS = {
    "identifiers": "identifiers",
    "synonyms": "synonyms",
    "phenotypes": "phenotypes",
    "genes": "gene_links",
    "therapy links": "therapy_links",
    "trial links": "triallinks",
    "publication links": "publicationlinks",
    "articles": "articles",
}


def _with_counts(queryset: QuerySet) -> list[Condition]:
    rows = list(queryset.order_by("pk"))
    for row in rows:
        # One count per relation: a join across all of them would multiply rows.
        row.counts = [(key, getattr(row, rel).count()) for key, rel in _COUNTS.items()]
    return rows


@admin.action(description="Merge two conditions that are the same", permissions=["merge"])
def merge_conditions(
    modeladmin: Any, request: HttpRequest, queryset: QuerySet
) -> HttpResponse | None:
    """Ask which of the two selected conditions survives, then merge the other into it."""
    if queryset.count() != 2:
        modeladmin.message_user(request, "Select exactly two conditions to merge.", messages.ERROR)
        return None
    pair = _with_counts(queryset)
    survivor_id = request.POST.get("survivor")
    if request.POST.get("confirm") == "yes" and survivor_id:
        target = next((c for c in pair if str(c.pk) == survivor_id), None)
        if target is None:
            modeladmin.message_user(request, "Choose one of the two conditions.", messages.ERROR)
            return None
        source = next(c for c in pair if c.pk != target.pk)
        try:
            result = condition_merge(source=source, target=target, user=request.user)
        except MergeError as error:
            modeladmin.message_user(request, f"Not merged: {error}", messages.ERROR)
            return None
        modeladmin.message_user(
            request,
            f"Merged {result.merged_name} into {target.name}: moved "
            + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in result.moved.items() if n)
            + f". /conditions/{result.old_slug}/ now redirects here.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:knowledge_condition_change", args=[target.pk]))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Merge two conditions",
        "opts": modeladmin.model._meta,
        "pair": pair,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action_name": "merge_conditions",
    }
    return TemplateResponse(request, "admin/knowledge/condition/merge_confirm.html", context)
