"""Publications and the review queue of their links."""

from __future__ import annotations

from django.contrib import admin

from curation.admin.actions import make_reindex_action, preview_link
from curation.admin.review import ReviewableLinkAdmin, ReviewableLinkInline
from literature.models import Publication, PublicationLink


class PublicationLinkInline(ReviewableLinkInline):
    model = PublicationLink


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("pmid", "short_title", "journal", "published_on")
    list_filter = ("published_on",)
    search_fields = ("=pmid", "title", "=doi", "journal", "mesh_terms")
    readonly_fields = ("public_page", "retrieved_at", "created_at", "updated_at", "content_hash")
    inlines = (PublicationLinkInline,)
    actions = (make_reindex_action("publication"),)
    date_hierarchy = "published_on"

    @admin.display(description="Title", ordering="title")
    def short_title(self, obj: Publication) -> str:
        return obj.title[:90]

    @admin.display(description="Public page")
    def public_page(self, obj: Publication) -> str:
        return preview_link(obj)


@admin.register(PublicationLink)
class PublicationLinkAdmin(ReviewableLinkAdmin):
    record_field = "publication"
    search_fields = ("=publication__pmid", "publication__title", "condition__name", "matched_text")
