"""Read-only resource viewsets (editing is the admin's) and the treatment search operation."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import filters
from api.openapi import RareLabsAutoSchema
from api.permissions import ModelPermissionsOrAnonReadOnly
from api.redirects import OldSlugRedirectMixin, moved_schema
from api.serializers import (
    articles,
    conditions,
    genes,
    phenotypes,
    publications,
    therapies,
    treatments,
    trials,
    variants,
)
from content.models import Article
from identifiers.ids import parse_identifier, parse_vcv
from knowledge.attribution import ORPHANET_ATTRIBUTION
from knowledge.editor_values import links_prime_editor_values, therapy_get_editor_values
from knowledge.models import (
    Condition,
    ConditionSubtype,
    Gene,
    Phenotype,
    Therapy,
    TherapyLink,
    Variant,
)
from knowledge.selectors import (
    condition_get_redirect,
    condition_list_for_summary,
    therapy_get_redirect,
)
from literature.models import Publication
from treatments.query import TreatmentQueryError
from treatments.selectors import treatment_list_ranked
from trials.models import ClinicalTrial

DISCLAIMER = (
    "Not medical advice. Approval status and eligible variants change: check the current label "
    "and discuss options with the care team."
)


def _key(description: str, example: str) -> OpenApiParameter:
    """The detail path's key, with a real example (also what Schemathesis tries first, so its run
    reaches a found record rather than only 404s)."""
    return OpenApiParameter(
        "key", OpenApiTypes.STR, OpenApiParameter.PATH, description=description,
        examples=[OpenApiExample(example, value=example)],
    )  # fmt: skip


class FlexibleLookupMixin:
    """Detail by a natural key; `lookup_q` says how a path value maps to rows."""

    schema = RareLabsAutoSchema()
    permission_classes = (ModelPermissionsOrAnonReadOnly,)
    lookup_field = "key"
    lookup_url_kwarg = "key"
    # No NUL: PostgreSQL rejects it in text, so such a key must 404 at routing, not 500.
    lookup_value_regex = r"[^/\x00]+"
    list_serializer: type[serializers.Serializer]
    detail_serializer: type[serializers.Serializer]

    def lookup_q(self, value: str) -> Q:
        raise NotImplementedError

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        queryset = self.filter_queryset(self.get_queryset())
        # The key is matched in a subquery: a record can match through two of its rows (ORPHA:70
        # as its primary id and as an identifier), and a join would return it twice, read as
        # two records (ambiguous: 404).
        matching = queryset.model._default_manager.filter(self.lookup_q(value)).values("pk")
        found = list(queryset.filter(pk__in=matching)[:2])
        if len(found) != 1:
            raise Http404
        self.check_object_permissions(self.request, found[0])
        return found[0]

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return self.list_serializer if self.action == "list" else self.detail_serializer


class OrphanetAttributionMixin:
    """Responses that carry Orphanet's facts carry its CC BY 4.0 attribution: a field in the
    JSON body and a `Link: <licence>; rel="license"` header."""

    def finalize_response(self, request: Request, response: Response, *args, **kwargs) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and isinstance(response.data, dict):
            response.data["attribution"] = ORPHANET_ATTRIBUTION
            response["Link"] = f'<{ORPHANET_ATTRIBUTION["licence_url"]}>; rel="license"'
        return response


def _ascii_number(value: str, max_digits: int = 11) -> int | None:
    """The value as a bounded number, or None. str.isdigit alone accepts "²" and "٣", which int()
    refuses or reads as another number."""
    if value.isascii() and value.isdigit() and len(value) <= max_digits:
        return int(value)
    return None


def _pk_or(value: str, q: Q) -> Q:
    number = _ascii_number(value)
    return Q(pk=number) if number is not None else q


_CONDITION_MOVED, _CONDITION_MOVED_RESPONSE = moved_schema("condition")


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[
            _key("Slug, numeric id or CURIE (ORPHA:70, OMIM:253300).", "ORPHA:70"),
            _CONDITION_MOVED,
        ],
        responses={200: conditions.ConditionDetailSerializer, 301: _CONDITION_MOVED_RESPONSE},
    ),
)
class ConditionViewSet(
    OrphanetAttributionMixin,
    OldSlugRedirectMixin,
    FlexibleLookupMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Conditions with their identifiers; the detail adds genes, phenotypes and therapies."""

    detail_route = "api:condition-detail"

    filterset_class = filters.ConditionFilter
    ordering_fields = ["name", "primary_id", "updated_at"]
    ordering = ["name"]
    list_serializer = conditions.ConditionSerializer
    detail_serializer = conditions.ConditionDetailSerializer

    def get_queryset(self) -> QuerySet[Condition]:
        queryset = Condition.objects.prefetch_related("identifiers")
        if self.action == "list":
            return queryset
        # The summary's rows (phenotypes with everyday names, therapy links with their events).
        return condition_list_for_summary().prefetch_related(
            "identifiers", "synonyms", "gene_links__gene", "therapy_links__orphan_approvals",
            Prefetch("subtype_links", ConditionSubtype.objects.select_related("child")
                     .order_by("child__name")),
            Prefetch("parent_links", ConditionSubtype.objects.select_related("parent")
                     .order_by("parent__name")),
        )  # fmt: skip

    def get_object(self) -> Condition:
        condition = super().get_object()
        links_prime_editor_values(condition.therapy_links.all())
        return condition

    def moved_get(self, slug: str) -> Condition | None:
        return condition_get_redirect(slug=slug)

    def lookup_q(self, value: str) -> Q:
        ident = parse_identifier(value)
        if ident is not None:
            return Q(primary_id=ident.curie) | Q(
                identifiers__scheme=ident.curie.split(":")[0], identifiers__value=ident.value
            )
        return _pk_or(value, Q(slug=value))


_GENE_KEY = _key("HGNC symbol (case-insensitive) or numeric id.", "DMD")


@extend_schema_view(retrieve=extend_schema(parameters=[_GENE_KEY]))  # fmt: skip
class GeneViewSet(OrphanetAttributionMixin, FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Genes named by HGNC; the detail adds their conditions."""

    filterset_class = filters.GeneFilter
    ordering_fields = ["symbol", "name"]
    ordering = ["symbol"]
    list_serializer = genes.GeneSerializer
    detail_serializer = genes.GeneDetailSerializer

    def get_queryset(self) -> QuerySet[Gene]:
        if self.action == "list":
            return Gene.objects.all()
        return Gene.objects.prefetch_related("condition_links__condition")

    def lookup_q(self, value: str) -> Q:
        return _pk_or(value, Q(symbol__iexact=value))


_HPO_KEY = _key("HPO id, e.g. HP:0001250.", "HP:0001250")


@extend_schema_view(retrieve=extend_schema(parameters=[_HPO_KEY]))  # fmt: skip
class PhenotypeViewSet(FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """HPO terms; the detail adds parents and synonyms (everyday ones flagged)."""

    filterset_class = filters.PhenotypeFilter
    ordering_fields = ["name", "hpo_id", "information_content"]
    ordering = ["hpo_id"]
    list_serializer = phenotypes.PhenotypeSerializer
    detail_serializer = phenotypes.PhenotypeDetailSerializer

    def get_queryset(self) -> QuerySet[Phenotype]:
        if self.action == "list":
            return Phenotype.objects.all()
        return Phenotype.objects.prefetch_related("parents", "synonyms")

    def lookup_q(self, value: str) -> Q:
        return Q(hpo_id=value.upper())


_VARIANT_KEY = _key("Numeric id, or a ClinVar variation id as VCV000007105.", "VCV000007105")


@extend_schema_view(retrieve=extend_schema(parameters=[_VARIANT_KEY]))  # fmt: skip
class VariantViewSet(FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Variants with their HGVS names and ClinVar facts."""

    filterset_class = filters.VariantFilter
    ordering_fields = ["name", "clinvar_id"]
    ordering = ["name"]
    list_serializer = variants.VariantSerializer
    detail_serializer = variants.VariantSerializer

    def get_queryset(self) -> QuerySet[Variant]:
        return Variant.objects.select_related("gene")

    def lookup_q(self, value: str) -> Q:
        clinvar_id = parse_vcv(value)
        if clinvar_id is not None:
            return Q(clinvar_id=clinvar_id)
        return _pk_or(value, Q(pk__in=[]))


_THERAPY_KEY = _key("Slug (e.g. nusinersen) or numeric id.", "nusinersen")
_THERAPY_MOVED, _THERAPY_MOVED_RESPONSE = moved_schema("therapy")


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[_THERAPY_KEY, _THERAPY_MOVED],
        responses={200: therapies.TherapyDetailSerializer, 301: _THERAPY_MOVED_RESPONSE},
    )
)
class TherapyViewSet(OldSlugRedirectMixin, FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Therapy candidates; the detail adds what each is known to do for which condition, with
    its FDA approvals, and the other generic names its sources give it."""

    filterset_class = filters.TherapyFilter
    ordering_fields = ["name", "modality"]
    ordering = ["name"]
    list_serializer = therapies.TherapySerializer
    detail_serializer = therapies.TherapyDetailSerializer
    detail_route = "api:therapy-detail"

    def get_queryset(self) -> QuerySet[Therapy]:
        if self.action == "list":
            return Therapy.objects.all()
        links = (
            TherapyLink.objects.select_related("condition")
            .prefetch_related("genes", "orphan_approvals")
            .with_regulatory_events()
        )
        return Therapy.objects.prefetch_related(Prefetch("links", links))

    def get_object(self) -> Therapy:
        therapy = super().get_object()
        therapy.editor_values = therapy_get_editor_values([therapy]).get(therapy.pk, [])
        links_prime_editor_values(therapy.links.all())
        return therapy

    def lookup_q(self, value: str) -> Q:
        return _pk_or(value, Q(slug=value))

    def moved_get(self, slug: str) -> Therapy | None:
        return therapy_get_redirect(slug=slug)


_NCT_KEY = _key("NCT number, e.g. NCT02193074.", "NCT02193074")


@extend_schema_view(retrieve=extend_schema(parameters=[_NCT_KEY]))  # fmt: skip
class TrialViewSet(FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Clinical trials from ClinicalTrials.gov."""

    filterset_class = filters.TrialFilter
    ordering_fields = ["last_update_date", "start_date", "nct_id", "status"]
    ordering = ["-last_update_date", "nct_id"]
    list_serializer = trials.TrialSerializer
    detail_serializer = trials.TrialDetailSerializer

    def get_queryset(self) -> QuerySet[ClinicalTrial]:
        return ClinicalTrial.objects.all()

    def lookup_q(self, value: str) -> Q:
        return Q(nct_id=value.upper())


_PMID_KEY = _key("PubMed id (PMID), e.g. 29091570.", "29091570")


@extend_schema_view(retrieve=extend_schema(parameters=[_PMID_KEY]))  # fmt: skip
class PublicationViewSet(FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Publications from PubMed."""

    filterset_class = filters.PublicationFilter
    ordering_fields = ["published_on", "pmid"]
    ordering = ["-published_on", "pmid"]
    list_serializer = publications.PublicationSerializer
    detail_serializer = publications.PublicationDetailSerializer

    def get_queryset(self) -> QuerySet[Publication]:
        return Publication.objects.all()

    def lookup_q(self, value: str) -> Q:
        return Q(pmid=value)


_ARTICLE_KEY = _key("Article slug.", "reading-a-genetic-test-report")


@extend_schema_view(retrieve=extend_schema(parameters=[_ARTICLE_KEY]))  # fmt: skip
class ArticleViewSet(FlexibleLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Articles for families: the public sees published ones only, staff see drafts too."""

    filterset_class = filters.ArticleFilter
    ordering_fields = ["published_at", "title"]
    ordering = ["-published_at", "title"]
    list_serializer = articles.ArticleSerializer
    detail_serializer = articles.ArticleDetailSerializer

    def get_queryset(self) -> QuerySet[Article]:
        user = getattr(self.request, "user", None)
        if user is not None and user.is_staff:
            return Article.objects.all()
        return Article.objects.public()

    def lookup_q(self, value: str) -> Q:
        return Q(slug=value)


class TreatmentSearchApi(APIView):
    """Ranked, explained therapies for a condition, gene, variant and/or phenotypes."""

    schema = RareLabsAutoSchema()

    @extend_schema(
        operation_id="treatments_search",
        parameters=[treatments.TreatmentQuerySerializer],
        responses={200: treatments.TreatmentResultsSerializer},
        description="The same search as the /treatments page. Therapies are ranked variant > "
        "gene > condition > symptom-suggested condition > hypothesis; approved before "
        "investigational; stronger evidence first. Each result says why it ranks there. "
        "An unreadable variant or no input gives 400. Not medical advice.",
    )
    def get(self, request: Request) -> Response:
        params = treatments.TreatmentQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            found = treatment_list_ranked(query=params.to_query())
        except TreatmentQueryError as exc:
            raise serializers.ValidationError({exc.field: [exc.message]}) from exc
        data = treatments.TreatmentResultsSerializer(
            {**found.__dict__, "disclaimer": DISCLAIMER}
        ).data
        return Response(data)
