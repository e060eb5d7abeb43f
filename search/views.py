"""The /search page: validate the GET form, call `run_search`, render. Works without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from search.documents import facet_fields, registry
from search.query import run_search
from search.request import InvalidQuery, SearchRequest

PAGE_SIZE = 20


def _browse_url() -> str:
    try:
        return reverse("knowledge:condition-list")
    except NoReverseMatch:
        return "/conditions/"


def parse_search_params(params) -> SearchRequest:
    """Build a SearchRequest from query-string parameters; InvalidQuery on bad input."""
    try:
        page = int(params.get("page", "1") or "1")
    except ValueError:
        raise InvalidQuery("page must be a whole number.") from None
    doc_types = tuple(t for t in params.getlist("type") if t)
    filters = {
        name: tuple(v for v in params.getlist(name) if v)
        for name in facet_fields()
        if params.getlist(name)
    }
    return SearchRequest(
        query=params.get("q", ""),
        doc_types=doc_types,
        filters=filters,
        page=page,
        page_size=PAGE_SIZE,
    )


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """Results for ?q=, with type and facet filters; a friendly message on bad input."""
    query = request.GET.get("q", "")
    context: dict = {
        "query": query,
        "types": [(t, d.label) for t, d in registry().items()],
        "facet_labels": facet_fields(),
        "browse_url": _browse_url(),
        "selected_types": request.GET.getlist("type"),
    }
    status = 200
    if query.strip():
        try:
            search_request = parse_search_params(request.GET)
            context["response"] = run_search(search_request)
            context["request_obj"] = search_request
        except InvalidQuery as exc:
            context["error"] = str(exc)
            status = 400
    return render(request, "search/search_page.html", context, status=status)
