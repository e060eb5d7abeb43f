"""Counting a search's matches: per type up to a cap, the facets, the direct exact hits and
the names of a few all-words matches, in one statement (`stats_sql`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.analysis import FEW_HITS, QueryAnalysis
from search.backends.postgres.filters import filter_clauses
from search.backends.postgres.text_clauses import CONFIG, match_condition, match_params
from search.keys import TABLE
from search.request import SearchRequest

# Matches counted per type; beyond, a type's count reads "more than 1,000" and the total is a
# lower bound. From 1,000 matches the page is ranked names-first. Both bounds were halved from
# 2,000 / 1,000 at 200k documents: the two statements of a common or widened query read every
# counted or pooled row from the heap, so they cost in proportion.
COUNT_CAP = 1_000
DIRECT = "_direct"
TITLE = "_title"  # the stats rows that carry the names of a few all-words matches


def stats_sql(
    request: SearchRequest,
    analysis: QueryAnalysis,
    tsquery: str,
    all_types: Sequence[str],
    each_type: bool = False,
) -> tuple[str, dict[str, Any]]:
    """Matches per type (ignoring the type filter), facet counts and direct exact hits.

    Rows are (key, value, count): key "type" per doc type, a facet name per facet value, and
    DIRECT with the number of rows an exact key typed as such matched. One scan reads up to
    `COUNT_CAP` + 1 matches: fewer, and they are all the matches, so every count is exact.
    Otherwise each type is counted on its own, up to `COUNT_CAP` + 1 (a count past the cap
    reads "more than 1,000"), through the GIN index on (doc_type, vector). The tsquery is read
    from a materialised `q`, so the planner can't see how common its words are and takes the
    indexes (bitmap scans, in table order) rather than sequential scans with a LIMIT, whose
    first matches depended on where a synchronised scan started: the counts are exact up to
    the cap and the same on every run. The facets are counted over the rows read for the
    requested types; past the cap they are lower bounds. Facets are counted per distinct facet
    set first: a thousand matches hold a few hundred sets, so the JSON is unpacked a few
    hundred times, not once per match.

    `each_type` counts each type on its own straight away, without the first scan: the same
    rows, so the same counts (when every type has fewer than `COUNT_CAP` + 1 matches, each
    type's scan reads all of them), for a query that is expected to pass the cap, where the
    first scan's 1,001 rows would be read for nothing (an any-word query after widening:
    a third of the statement's time on the load bench's widened searches).
    """
    params = match_params(analysis, tsquery)
    params["all_types"] = list(all_types)
    params["cap"] = COUNT_CAP + 1
    where = match_condition() + filter_clauses(request, params, with_types=False)
    # The type filter applies before counting the facets and the total (the backend sums the
    # requested types); the type counts and the direct hits (which decide widening) ignore it.
    chosen = ""
    if request.doc_types:
        params["types"] = list(request.doc_types)
        chosen = " AND m.doc_type = ANY(%(types)s)"
    per_type = f"""    SELECT c.* FROM unnest(%(all_types)s::text[]) AS t(doc_type)
    CROSS JOIN LATERAL (
        SELECT e.doc_type, e.facets, e.exact ?| %(keys)s::text[] AS direct
        FROM {TABLE} e, q WHERE e.doc_type = t.doc_type AND {where}
        LIMIT %(cap)s
    ) AS c"""  # noqa: S608 - only constant names interpolated; values bound
    titles = ""
    if each_type:
        rows = f"m AS MATERIALIZED (\n{per_type}\n)"
    else:
        # The names of the matches when there are only a few: whether one holds every word
        # decides if a long name is widened (read here, not by a query of their own, whose
        # LIMIT the planner answered with a sequential scan: 90-150 ms at 200k documents).
        params["few"] = FEW_HITS
        titles = f"""
UNION ALL
SELECT '{TITLE}', a.title, 0 FROM a WHERE (SELECT count(*) FROM a) < %(few)s"""  # noqa: S608 - constants only
        rows = f"""a AS MATERIALIZED (
    SELECT e.doc_type, e.facets, e.exact ?| %(keys)s::text[] AS direct, e.title
    FROM {TABLE} e, q WHERE {where}
    LIMIT %(cap)s
),
m AS MATERIALIZED (
    SELECT a.doc_type, a.facets, a.direct FROM a WHERE (SELECT count(*) FROM a) < %(cap)s
    UNION ALL
{per_type}
    WHERE (SELECT count(*) FROM a) >= %(cap)s
)"""  # noqa: S608 - only constant names interpolated; values bound
    sql = f"""
WITH q AS MATERIALIZED (SELECT to_tsquery('{CONFIG}', %(tsm)s) AS tsm),
{rows}
SELECT 'type', m.doc_type, count(*) FROM m GROUP BY m.doc_type
UNION ALL
SELECT '{DIRECT}', '', count(*) FROM m WHERE m.direct{titles}
UNION ALL
SELECT f.key, v.value, sum(g.n)::bigint
FROM (SELECT m.facets, count(*) AS n FROM m WHERE TRUE{chosen} GROUP BY m.facets) AS g,
     jsonb_each(g.facets) AS f(key, value), jsonb_array_elements_text(f.value) AS v(value)
GROUP BY f.key, v.value"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params
