"""Clinical trials and the review queue of their links."""

from __future__ import annotations

from django.contrib import admin

from curation.admin.actions import make_reindex_action, preview_link
from curation.admin.review import ReviewableLinkAdmin, ReviewableLinkInline
from trials.models import ClinicalTrial, TrialLink


class TrialLinkInline(ReviewableLinkInline):
    model = TrialLink


@admin.register(ClinicalTrial)
class ClinicalTrialAdmin(admin.ModelAdmin):
    list_display = ("nct_id", "short_title", "status", "phases", "sponsor", "last_update_date")
    list_filter = ("status", "study_type", "has_results", "sponsor_class")
    search_fields = ("=nct_id", "title", "official_title", "conditions", "sponsor")
    readonly_fields = ("public_page", "retrieved_at", "created_at", "updated_at", "content_hash")
    inlines = (TrialLinkInline,)
    actions = (make_reindex_action("trial"),)
    date_hierarchy = "last_update_date"

    @admin.display(description="Title", ordering="title")
    def short_title(self, obj: ClinicalTrial) -> str:
        return obj.title[:90]

    @admin.display(description="Public page")
    def public_page(self, obj: ClinicalTrial) -> str:
        return preview_link(obj)


@admin.register(TrialLink)
class TrialLinkAdmin(ReviewableLinkAdmin):
    record_field = "trial"
    search_fields = ("=trial__nct_id", "trial__title", "condition__name", "matched_text")
