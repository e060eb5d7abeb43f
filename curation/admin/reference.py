"""Admin for reference data: genes, phenotypes, variants and condition and therapy redirects."""

from __future__ import annotations

from django.contrib import admin

from curation.admin.actions import make_reindex_action
from knowledge.models import (
    Gene,
    Phenotype,
    PhenotypeSynonym,
    SlugRedirect,
    TherapySlugRedirect,
    Variant,
)

PROVENANCE_FIELDS = ("source", "source_id", "source_url", "retrieved_on")


@admin.register(Gene)
class GeneAdmin(admin.ModelAdmin):
    list_display = ("symbol", "name", "hgnc_id", "ncbi_gene_id", "omim_id", "location")
    list_filter = ("locus_group", "source")
    search_fields = ("symbol", "name", "=hgnc_id", "aliases", "previous_symbols", "=omim_id")
    readonly_fields = ("updated_at",)
    actions = (make_reindex_action("gene"),)


class PhenotypeSynonymInline(admin.TabularInline):
    model = PhenotypeSynonym
    extra = 0
    fields = ("text", "scope", "is_layperson")


@admin.register(Phenotype)
class PhenotypeAdmin(admin.ModelAdmin):
    list_display = ("hpo_id", "name", "is_obsolete")
    list_filter = ("is_obsolete",)
    search_fields = ("name", "=hpo_id", "synonyms__text")
    inlines = (PhenotypeSynonymInline,)
    autocomplete_fields = ("parents",)
    actions = (make_reindex_action("phenotype"),)


@admin.register(Variant)
class VariantAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "gene",
        "hgvs_c",
        "hgvs_p",
        "rsid",
        "clinvar_id",
        "clinical_significance",
    )
    list_filter = ("clinical_significance", "variant_type", "review_status")
    list_select_related = ("gene",)
    search_fields = ("name", "hgvs_c", "hgvs_p", "=rsid", "=clinvar_id", "gene__symbol")
    autocomplete_fields = ("gene",)
    readonly_fields = ("updated_at",)
    actions = (make_reindex_action("variant"),)


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_slug", "condition", "created_at")
    list_select_related = ("condition",)
    search_fields = ("old_slug", "condition__name")
    autocomplete_fields = ("condition",)


@admin.register(TherapySlugRedirect)
class TherapySlugRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_slug", "therapy", "created_at")
    list_select_related = ("therapy",)
    search_fields = ("old_slug", "therapy__name")
    autocomplete_fields = ("therapy",)
