"""FilterSets for the API lists (django-filter); every filter carries its description."""

from __future__ import annotations

import django_filters as df

from content.models import Article
from knowledge.models import ApprovalStatus, Condition, Gene, Modality, Phenotype, Therapy, Variant
from knowledge.regulatory import status_filter_q
from literature.models import Publication
from trials.models import ClinicalTrial, TrialStatus


class ConditionFilter(df.FilterSet):
    name = df.CharFilter(lookup_expr="icontains", help_text="Part of the name.")
    primary_id = df.CharFilter(help_text="The identifier, e.g. ORPHA:98896.")
    is_group = df.BooleanFilter(help_text="Only categories (true) or only conditions (false).")
    inheritance = df.CharFilter(method="filter_inheritance", help_text="e.g. autosomal_recessive")
    gene = df.CharFilter(
        field_name="gene_links__gene__symbol", lookup_expr="iexact", distinct=True,
        help_text="Linked to this gene symbol.",
    )  # fmt: skip
    phenotype = df.CharFilter(
        field_name="phenotypes__phenotype__hpo_id", distinct=True,
        help_text="Annotated with this HPO id.",
    )  # fmt: skip

    class Meta:
        model = Condition
        fields = ["name", "primary_id", "is_group", "disorder_type"]

    def filter_inheritance(self, queryset, name: str, value: str):
        return queryset.filter(inheritance__contains=[value])


class GeneFilter(df.FilterSet):
    symbol = df.CharFilter(lookup_expr="iexact", help_text="Exact symbol (case-insensitive).")
    name = df.CharFilter(lookup_expr="icontains", help_text="Part of the gene name.")
    locus_group = df.CharFilter(help_text="e.g. 'protein-coding gene'.")

    class Meta:
        model = Gene
        fields = ["symbol", "name", "locus_group"]


class PhenotypeFilter(df.FilterSet):
    name = df.CharFilter(lookup_expr="icontains", help_text="Part of the term name.")
    is_obsolete = df.BooleanFilter(help_text="Obsolete terms.")

    class Meta:
        model = Phenotype
        fields = ["name", "is_obsolete"]


class VariantFilter(df.FilterSet):
    gene = df.CharFilter(field_name="gene__symbol", lookup_expr="iexact", help_text="Gene symbol.")
    clinical_significance = df.CharFilter(lookup_expr="iexact", help_text="e.g. Pathogenic.")
    rsid = df.CharFilter(lookup_expr="iexact", help_text="dbSNP id, e.g. rs113993960.")
    variant_type = df.CharFilter(lookup_expr="iexact", help_text="e.g. Deletion.")

    class Meta:
        model = Variant
        fields = ["gene", "clinical_significance", "rsid", "variant_type"]


class TherapyFilter(df.FilterSet):
    modality = df.ChoiceFilter(choices=Modality.choices, help_text="Therapy modality.")
    status = df.ChoiceFilter(
        choices=ApprovalStatus.choices, method="filter_status",
        help_text="Has a link with this status today (derived from its regulatory events).",
    )  # fmt: skip
    condition = df.CharFilter(
        field_name="links__condition__slug", distinct=True, help_text="Condition slug."
    )
    gene = df.CharFilter(
        field_name="links__genes__symbol", lookup_expr="iexact", distinct=True,
        help_text="Linked to this gene symbol.",
    )  # fmt: skip

    class Meta:
        model = Therapy
        fields = ["modality"]

    def filter_status(self, queryset, name: str, value: str):
        return queryset.filter(status_filter_q([value], prefix="links__")).distinct()


class TrialFilter(df.FilterSet):
    status = df.MultipleChoiceFilter(choices=TrialStatus.choices, help_text="Recruitment status.")
    phase = df.CharFilter(method="filter_phase", help_text="e.g. PHASE3.")
    country = df.CharFilter(method="filter_country", help_text="Has a site in this country.")
    condition = df.CharFilter(
        field_name="links__condition__slug", distinct=True, help_text="Linked condition slug."
    )
    therapy = df.CharFilter(
        field_name="links__therapy__slug", distinct=True, help_text="Linked therapy slug."
    )

    class Meta:
        model = ClinicalTrial
        fields = ["status", "has_results"]

    def filter_phase(self, queryset, name: str, value: str):
        return queryset.filter(phases__contains=[value.upper()])

    def filter_country(self, queryset, name: str, value: str):
        return queryset.filter(countries__contains=[value])


class PublicationFilter(df.FilterSet):
    journal = df.CharFilter(lookup_expr="icontains", help_text="Part of the journal name.")
    year = df.NumberFilter(
        field_name="published_on__year", min_value=1800, max_value=2200,
        help_text="Year of publication (1800-2200).",
    )  # fmt: skip
    condition = df.CharFilter(
        field_name="links__condition__slug", distinct=True, help_text="Linked condition slug."
    )

    class Meta:
        model = Publication
        fields = ["journal"]


class ArticleFilter(df.FilterSet):
    tag = df.CharFilter(method="filter_tag", help_text="Has this tag.")
    condition = df.CharFilter(
        field_name="related_conditions__slug", distinct=True, help_text="About this condition."
    )

    class Meta:
        model = Article
        fields = ["tag"]

    def filter_tag(self, queryset, name: str, value: str):
        return queryset.filter(tags__contains=[value])
