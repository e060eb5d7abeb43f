"""The request body of autocomplete suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.backends.opensearch.paging import SORT
from search.text import key_form, phrase_form


def autocomplete_body(
    prefix: str, doc_types: Sequence[str], limit: int, exact_boosts: Sequence[int] = ()
) -> dict[str, Any]:
    """Edge n-gram match on every word; a whole name or abbreviation typed ("sma") first, by
    its exact-key boost, then names that start with the text."""
    filters = [{"terms": {"doc_type": list(doc_types)}}] if doc_types else []
    key = key_form(prefix)
    whole = [
        {"constant_score": {"filter": {"term": {f"exact_{boost}": key}}, "boost": boost * 1000}}
        for boost in exact_boosts
    ]
    return {
        "size": limit,
        "_source": ["doc_type", "curie", "title", "url"],
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "bool": {
                                    "should": [
                                        {
                                            "match": {
                                                "autocomplete": {"query": prefix, "operator": "and"}
                                            }
                                        },
                                        *whole,
                                    ]
                                }
                            }
                        ],
                        "should": [
                            {
                                "prefix": {
                                    "title_norm": {"value": phrase_form(prefix), "boost": 100}
                                }
                            },
                            *whole,
                        ],
                        "filter": filters,
                    }
                },
                "field_value_factor": {"field": "rank", "missing": 1.0},
                "boost_mode": "multiply",
            }
        },
        "sort": SORT,
    }
