"""Suggestions for what is being typed: names starting with it, then any word starting with it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.backends.postgres.text_clauses import SIMPLE_CONFIG, prefix_tsquery
from search.keys import TABLE
from search.text import key_form, words

AUTOCOMPLETE_POOL = 60  # candidates per autocomplete pool


def autocomplete_sql(
    prefixes: Sequence[str], doc_types: Sequence[str], limit: int
) -> tuple[str, dict[str, Any]]:
    """Suggestions for each spelling of what was typed (the first spelling's first; one
    statement, one round trip): names starting with it first, then any word starting with it.

    Both candidate pools are bounded index scans (a btree prefix range on the folded title, a
    GIN prefix match), so a two-letter prefix never sorts thousands of rows.
    """
    params: dict[str, Any] = {"limit": limit, "pool": AUTOCOMPLETE_POOL}
    type_clause = ""
    if doc_types:
        params["types"] = list(doc_types)
        type_clause = " AND e.doc_type = ANY(%(types)s)"
    parts = []
    for n, prefix in enumerate(prefixes):
        params.update(
            {
                f"tsq{n}": prefix_tsquery(prefix),
                f"starts{n}": " ".join(words(prefix)) + "%",
                f"key{n}": key_form(prefix),
            }
        )
        parts.append(f"""
(WITH cand AS (
    (SELECT e.id FROM {TABLE} e WHERE e.title_norm LIKE %(starts{n})s{type_clause}
     ORDER BY e.title_norm USING ~<~ LIMIT %(pool)s)
    UNION
    (SELECT e.id FROM {TABLE} e
     WHERE e.autocomplete @@ to_tsquery('{SIMPLE_CONFIG}', %(tsq{n})s){type_clause}
     LIMIT %(pool)s)
    UNION
    (SELECT e.id FROM {TABLE} e WHERE e.exact ? %(key{n})s{type_clause} LIMIT %(pool)s)
)
SELECT {n} AS part, row_number() OVER (
           ORDER BY coalesce((e.exact ->> %(key{n})s)::float, 0) DESC,
                    (e.title_norm LIKE %(starts{n})s) DESC, e.rank DESC, length(e.title), e.title
       ) AS place, e.doc_type, e.curie, e.title, e.url, e.extra
FROM cand JOIN {TABLE} e ON e.id = cand.id
ORDER BY place
LIMIT %(limit)s)""")  # noqa: S608 - only constant names interpolated; values bound
    sql = "SELECT doc_type, curie, title, url, extra FROM (" + "\nUNION ALL".join(parts)  # noqa: S608 - the parts above
    return sql + "\n) AS s ORDER BY part, place", params
