"""The filters of a search as SQL conditions: the chosen types and each facet's values."""

from __future__ import annotations

import json
from typing import Any

from search.request import SearchRequest


def filter_clauses(request: SearchRequest, params: dict[str, Any], with_types: bool = True) -> str:
    """ " AND …" conditions on `e`: one value of each filter (OR-ed), and the type filter."""
    clauses = []
    if with_types and request.doc_types:
        params["types"] = list(request.doc_types)
        clauses.append("e.doc_type = ANY(%(types)s)")
    for index, (name, values) in enumerate(sorted(request.filters.items())):
        options = []
        for inner, value in enumerate(values):
            key = f"f{index}_{inner}"
            params[key] = json.dumps({name: [value]})
            options.append(f"e.facets @> %({key})s::jsonb")
        if options:
            clauses.append("(" + " OR ".join(options) + ")")
    return "".join(f" AND {clause}" for clause in clauses)
