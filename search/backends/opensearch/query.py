"""Pure builders of OpenSearch search request bodies (no client needed): what a search matches
and how it is scored, the exact keys beside the text (`text_clauses`) and the title's likeness
(`title_likeness`), with facets, highlight and paging."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.analysis import EXACT_SCALE, QueryAnalysis
from search.backends.opensearch.paging import SORT, decode_cursor
from search.backends.opensearch.text_clauses import text_groups, text_query
from search.backends.opensearch.title_likeness import title_likeness
from search.request import SearchRequest
from search.text import MARK_END, MARK_START


def _exact_clauses(analysis: QueryAnalysis, exact_boosts: Sequence[int]) -> list[dict[str, Any]]:
    """The best exact-key boost of a document, counted once (`dis_max`), as PostgreSQL takes
    the GREATEST of its keys' boosts.

    Summed, a gene holding several of an abbreviation's expansions among its aliases ("sma" ->
    "sma1", "sma2", "smn1": SMN1) outscored the condition whose abbreviation was typed (ORPHA:70).
    """
    clauses = []
    for boost in exact_boosts:
        field = f"exact_{boost}"
        for keys, weight in analysis.weighted_keys:
            clauses.append(
                {
                    "constant_score": {
                        "filter": {"terms": {field: list(keys)}},
                        "boost": boost * EXACT_SCALE * weight,
                    }
                }
            )
    return [{"dis_max": {"queries": clauses}}] if clauses else []


DIRECT = "direct"  # the aggregation counting the documents a key typed as such matched


def _direct_filter(analysis: QueryAnalysis, exact_boosts: Sequence[int]) -> dict[str, Any]:
    """Documents holding a key typed as such (not reached through a synonym or a part): a
    name or id typed exactly is never widened to any word, as on PostgreSQL."""
    keys = list(analysis.exact_keys)
    if not keys or not exact_boosts:
        return {"match_none": {}}
    return {"bool": {"should": [{"terms": {f"exact_{boost}": keys}} for boost in exact_boosts]}}


def _type_filter(request: SearchRequest) -> dict[str, Any]:
    if request.doc_types:
        return {"terms": {"doc_type": list(request.doc_types)}}
    return {"match_all": {}}


def _matched(
    request: SearchRequest,
    analysis: QueryAnalysis,
    exact_boosts: Sequence[int],
    groups: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]],
    more_filters: list[dict[str, Any]],
) -> dict[str, Any]:
    """What a search matches and scores: an exact key or the text, within the facet filters."""
    filters = [
        {"terms": {f"facets.{name}": list(values)}}
        for name, values in sorted(request.filters.items())
    ]
    return {
        "bool": {
            "should": [*_exact_clauses(analysis, exact_boosts), *text_query(groups)],
            "minimum_should_match": 1,
            "filter": [*filters, *more_filters],
        }
    }


def matching_body(
    request: SearchRequest,
    analysis: QueryAnalysis,
    exact_boosts: Sequence[int],
    ids: Sequence[str],
    any_word: bool = False,
    plain: bool = False,
) -> dict[str, Any]:
    """Which of the documents `ids` name the search matches (its words, keys, types and
    filters), unscored."""
    groups = text_groups(analysis, any_word, plain)
    only = [{"terms": {"curie": list(ids)}}, _type_filter(request)]
    return {
        "query": _matched(request, analysis, exact_boosts, groups, only),
        "size": len(ids),
        "sort": [{"rank": "desc"}, {"uid": "asc"}],
        "_source": ["doc_type", "curie", "title", "url", "extra", "rank"],
    }


def search_body(
    request: SearchRequest,
    analysis: QueryAnalysis,
    exact_boosts: Sequence[int],
    facet_names: Sequence[str],
    any_word: bool = False,
    plain: bool = False,
) -> dict[str, Any]:
    """Ranked hits (exact keys first), facet aggregations, highlight and paging."""
    groups = text_groups(analysis, any_word, plain)
    texts = [clause for group in groups for clause in group]  # the highlighter reads them all
    type_filter = _type_filter(request)
    query = {
        "function_score": {
            "query": {
                "bool": {
                    "must": [_matched(request, analysis, exact_boosts, groups, [])],
                    "should": title_likeness(analysis, plain),
                }
            },
            "field_value_factor": {"field": "rank", "missing": 1.0},
            "boost_mode": "multiply",
        }
    }
    body: dict[str, Any] = {
        "query": query,
        "post_filter": type_filter,
        "size": request.page_size,
        "sort": SORT,
        "track_total_hits": True,
        "_source": ["doc_type", "curie", "title", "url", "extra", "rank"],
        "aggs": {
            "type": {"terms": {"field": "doc_type", "size": 20}},
            DIRECT: {"filter": _direct_filter(analysis, exact_boosts)},
            "filtered": {
                "filter": type_filter,
                "aggs": {
                    name: {"terms": {"field": f"facets.{name}", "size": 30}} for name in facet_names
                },
            },
        },
        "highlight": {
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            "require_field_match": False,
            "highlight_query": {"bool": {"should": texts or [{"match_none": {}}]}},
            "fields": {
                "summary": {"number_of_fragments": 2, "fragment_size": 160, "no_match_size": 200},
                "title": {"number_of_fragments": 0},
            },
        },
    }
    after = decode_cursor(request.cursor) if request.cursor else None
    if after is not None:
        body["search_after"] = after
    else:
        body["from"] = request.offset
    return body
