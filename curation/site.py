"""The admin site: Django's own, with the review-queue counts on its index page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode


def review_queue_counts() -> list[dict[str, Any]]:
    """How many name-matched links, per kind of record, and computer-written summaries wait."""
    # Imported here: Django imports this module (the admin's AppConfig) before models are ready.
    from curation.admin.review import waiting_filter
    from curation.admin.summaries import summaries_waiting
    from knowledge.models import OrphanApproval
    from literature.models import PublicationLink
    from trials.models import TrialLink

    rows = []
    for label, model in (("Trial links", TrialLink), ("Publication links", PublicationLink)):
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "label": label,
                "count": model.objects.filter(**waiting_filter()).count(),
                "url": f"{url}?{urlencode({'queue': 'waiting'})}",
            }
        )
    # FDA orphan approvals whose indication named several conditions.
    url = reverse("admin:knowledge_orphanapproval_changelist")
    rows.append(
        {
            "label": "FDA orphan approvals",
            "count": OrphanApproval.objects.filter(match="ambiguous", review_status="auto").count(),
            "url": f"{url}?{urlencode({'queue': 'waiting'})}",
        }
    )
    # Computer-written family summaries no editor has checked yet.
    url = reverse("admin:knowledge_summaryreview_changelist")
    rows.append(
        {
            "label": "Family summaries",
            "count": summaries_waiting().count(),
            "url": f"{url}?{urlencode({'queue': 'waiting'})}",
        }
    )
    return rows


class RareLabsAdminSite(admin.AdminSite):
    site_header = "RareLabs editors' console"
    site_title = "RareLabs admin"
    index_title = "Curate the knowledge base"

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {**(extra_context or {}), "review_queue": review_queue_counts()}
        return super().index(request, extra_context=context)


class RareLabsAdminConfig(AdminConfig):
    default_site = "curation.site.RareLabsAdminSite"
