"""The /search page: validate the GET form, call `run_search`, render. Works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from rarelabs.pagecache import cache_page_for_anonymous
from search.documents import facet_fields, facet_value_label, registry
from search.page_html import facet_options_html, hits_html
from search.query import run_search
from search.request import InvalidQuery, SearchRequest, SearchResponse

PAGE_SIZE = 20


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
        drop_signs=tuple(dict.fromkeys(v for v in params.getlist("drop") if v)),
        add_signs=params.get("add", ""),
    )


@dataclass(frozen=True)
class FacetOption:
    """One facet value as shown: its label, count, link and whether it is applied."""

    label: str
    count: int
    url: str
    selected: bool
    bound: str = ""  # "more than" (a type past the count cap) or "at least" (a lower bound)


@dataclass(frozen=True)
class FacetGroup:
    """One facet as shown: a human title and its options."""

    name: str
    title: str
    options: list[FacetOption]

    @property
    def options_html(self) -> SafeString:
        return facet_options_html(self.options)


def _applied(params: QueryDict) -> list[tuple[str, str]]:
    """The query and every applied filter as (name, value) pairs, in a stable order."""
    pairs = [("q", params.get("q", ""))]
    if params.get("add"):
        pairs.append(("add", params["add"]))
    for name in ("type", "drop", *facet_fields()):
        pairs.extend((name, value) for value in params.getlist(name) if value)
    return pairs


def _query_string(pairs: list[tuple[str, str]], **extra: str) -> str:
    return "?" + urlencode([*pairs, *extra.items()])


def _facet_groups(params: QueryDict, response: SearchResponse) -> list[FacetGroup]:
    """Facets with human labels; each link keeps the other filters and drops the page."""
    titles = {"type": "Type", **facet_fields()}
    type_labels = {t: d.label or t for t, d in registry().items()}
    applied = _applied(params)
    groups = []
    for name, values in response.facets.items():
        options = []
        for value, count in values:
            selected = (name, value) in applied
            others = [(k, v) for k, v in applied if k != name]
            # A chosen value's link removes it; any other narrows this facet to that value.
            pairs = others if selected else [*others, (name, value)]
            if name == "type":
                label = type_labels.get(value, value)
            else:
                label = facet_value_label(name, value)
            bound = ""
            if (name, value) in response.facet_lower_bounds:
                bound = "more than" if name == "type" else "at least"
            options.append(FacetOption(label, count, _query_string(pairs), selected, bound))
        title = titles.get(name) or name.replace("_", " ").capitalize()
        groups.append(FacetGroup(name, title, options))
    return groups


@dataclass(frozen=True)
class SignChip:
    """A recognised sign as a chip: the user's words, the term, and a link that removes or
    restores it (plain links, so it works without JavaScript)."""

    words: str
    name: str
    url: str
    toggle_url: str
    removed: bool
    negated: bool
    relative: bool


def _sign_chips(applied: list[tuple[str, str]], response: SearchResponse) -> list[SignChip]:
    if response.described is None:
        return []
    chips = []
    for sign in response.described.signs:
        drop = ("drop", sign.hpo_id)
        pairs = [p for p in applied if p != drop] if sign.removed else [*applied, drop]
        chips.append(
            SignChip(
                sign.words,
                sign.name,
                sign.url,
                _query_string(pairs),
                sign.removed,
                sign.negated,
                sign.relative,
            )
        )
    return chips


def _page_params() -> tuple[str, ...]:
    # Everything search_page reads; facet names come from the registry, known once apps load.
    return ("q", "type", "page", "drop", "add", *facet_fields())


@require_safe
@cache_page_for_anonymous(params=_page_params)
def search_page(request: HttpRequest) -> HttpResponse:
    """Results for ?q=, with type and facet filters; a friendly message on bad input."""
    query = request.GET.get("q", "")
    context: dict = {
        "query": query,
        "types": [(t, d.label) for t, d in registry().items()],
        "facet_labels": facet_fields(),
        "browse_url": reverse("knowledge:condition-list"),
        "selected_types": request.GET.getlist("type"),
    }
    status = 200
    if query.strip():
        try:
            search_request = parse_search_params(request.GET)
            response = run_search(search_request)
            context["response"] = response
            context["request_obj"] = search_request
            context["facet_groups"] = _facet_groups(request.GET, response)
            applied = _applied(request.GET)
            context["prev_url"] = _query_string(applied, page=str(response.page - 1))
            context["next_url"] = _query_string(applied, page=str(response.page + 1))
            context["sign_chips"] = _sign_chips(applied, response)
            hits = response.hits
            if response.page == 1 and response.identifier is not None and response.identifier.leads:
                # The gene the report line names comes first; the "not in the knowledge base"
                # notice about its variant follows it.
                context["lead_html"], hits = hits_html(hits[:1]), hits[1:]
            context["hits_html"] = hits_html(hits)
        except InvalidQuery as exc:
            context["error"] = str(exc)
            status = 400
    return render(request, "search/search_page.html", context, status=status)
