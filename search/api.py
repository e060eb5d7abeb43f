"""/api/v1/search/ and /api/v1/search/autocomplete/: operations, so APIViews (not viewsets)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from search.documents import registry
from search.query import run_autocomplete, run_search
from search.request import (
    MAX_ADDED_TEXT,
    MAX_AUTOCOMPLETE,
    MAX_DROPPED_SIGNS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    InvalidQuery,
    SearchRequest,
)
from search.serializers import AutocompleteResponseSerializer, SearchResponseSerializer
from search.views import parse_search_params

# The bounds the request checks, published in the schema so clients (and Schemathesis) see them.
Q = OpenApiParameter(
    "q",
    {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH, "pattern": r"\S"},
    required=True,
    description=f"Search text (at most {MAX_QUERY_LENGTH} characters, not only spaces).",
)


def _whole_number(name: str, maximum: int, description: str) -> OpenApiParameter:
    schema = {"type": "integer", "minimum": 1, "maximum": maximum}
    return OpenApiParameter(name, schema, description=description)


class SearchApi(APIView):
    """Ranked search across conditions, genes, variants, symptoms, treatments, trials and papers."""

    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="search",
        parameters=[
            Q,
            OpenApiParameter(
                "type",
                OpenApiTypes.STR,
                many=True,
                enum=None,
                description="Limit to these result types (repeatable).",
            ),
            _whole_number("page", MAX_PAGE, f"1 to {MAX_PAGE}."),
            _whole_number("page_size", MAX_PAGE_SIZE, f"1 to {MAX_PAGE_SIZE} (default 20)."),
            OpenApiParameter(
                "drop",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^HP:\d{7}$"},
                    "maxItems": MAX_DROPPED_SIGNS,
                },
                description=(
                    "HPO id of a recognised sign to leave out "
                    f"(repeatable, at most {MAX_DROPPED_SIGNS})."
                ),
            ),
            OpenApiParameter(
                "add",
                {"type": "string", "maxLength": MAX_ADDED_TEXT},
                description=f"More signs in your own words (at most {MAX_ADDED_TEXT} characters).",
            ),
        ],
        responses={200: SearchResponseSerializer},
    )
    def get(self, request: Request) -> Response:
        try:
            search_request = parse_search_params(request.query_params)
            if "page_size" in request.query_params:
                search_request = SearchRequest(
                    query=search_request.query,
                    doc_types=search_request.doc_types,
                    filters=search_request.filters,
                    page=search_request.page,
                    page_size=_int(request.query_params["page_size"], "page_size"),
                    drop_signs=search_request.drop_signs,
                    add_signs=search_request.add_signs,
                )
            response = run_search(search_request)
        except InvalidQuery as exc:
            raise ValidationError({"q": [str(exc)]}) from exc
        body = {
            "query": search_request.query,
            "total": response.total,
            "total_is_lower_bound": response.total_is_lower_bound,
            "page": response.page,
            "page_size": response.page_size,
            "did_you_mean": response.did_you_mean,
            "backend": response.backend,
            "degraded": response.degraded,
            "facets": {
                name: [
                    {
                        "value": v,
                        "count": n,
                        "count_is_lower_bound": (name, v) in response.facet_lower_bounds,
                    }
                    for v, n in values
                ]
                for name, values in response.facets.items()
            },
            "results": response.hits,
            "described": response.described,
            "identifier": response.identifier,
            "treatments": response.treatments,
            "region": response.region,
        }
        return Response(SearchResponseSerializer(body).data)


class SearchAutocompleteApi(APIView):
    """Suggestions as the user types (names, symbols and ids starting with the text)."""

    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="search_autocomplete",
        parameters=[
            Q,
            OpenApiParameter("type", OpenApiTypes.STR, many=True, description="Result types."),
            _whole_number("limit", MAX_AUTOCOMPLETE, f"1 to {MAX_AUTOCOMPLETE}."),
        ],
        responses={200: AutocompleteResponseSerializer},
    )
    def get(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        limit = _int(request.query_params.get("limit", "8"), "limit")
        known = set(registry())
        types = tuple(t for t in request.query_params.getlist("type") if t in known)
        suggestions = run_autocomplete(query, doc_types=types, limit=limit)
        return Response(
            AutocompleteResponseSerializer({"query": query, "results": suggestions}).data
        )


class SiteAutocompleteApi(SearchAutocompleteApi):
    """The same suggestions for the site's own search boxes, with their own rate budget, so a
    hospital typing behind one address never exhausts the public API's (and the reverse)."""

    schema = None  # a page helper, not part of the public API
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "site_autocomplete"


def _int(raw: str, name: str) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError({name: ["Must be a whole number."]}) from None
