"""Pure builders of the PostgreSQL backend's SQL: (sql, params) pairs, no connection needed.

Words reach SQL only as bound parameters, and tsquery strings are built from [a-z0-9] words,
so no query text can break the tsquery syntax or the SQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from search.analysis import EXACT_SCALE, EXPANDED_KEY_WEIGHT, QueryAnalysis
from search.backends.postgres.weights import RANK_WEIGHTS, texts_by_weight
from search.documents import IndexedDoc
from search.request import SearchRequest
from search.text import MARK_END, MARK_START, phrase_form, words

TABLE = "search_searchentry"
CONFIG = "rarelabs"
SIMPLE_CONFIG = "rarelabs_simple"
TEXT_SCALE = 100.0
TITLE_SCALE = 30.0  # trigram likeness of the title to the query breaks ties between siblings
SENTENCE_WORDS = 3  # a sentence this long matching fewer docs than this falls back to any word
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def tsquery_all(term_lists: Sequence[Sequence[str]]) -> str:
    """Each word list AND-ed, the lists OR-ed: "(duchenne & dystrophy) | (dmd)"."""
    groups = [" & ".join(terms) for terms in term_lists if terms]
    return " | ".join(f"({group})" for group in groups)


def tsquery_any(term_lists: Sequence[Sequence[str]]) -> str:
    """Any word of any list: the fallback for long everyday sentences."""
    unique = dict.fromkeys(term for terms in term_lists for term in terms)
    return " | ".join(unique)


def prefix_tsquery(prefix: str) -> str:
    """ "spinal musc" -> "spinal:* & musc:*" (every word a prefix)."""
    return " & ".join(f"{word}:*" for word in words(prefix))


def _filters(request: SearchRequest, params: dict[str, Any], with_types: bool = True) -> str:
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


def match_params(analysis: QueryAnalysis, tsquery: str) -> dict[str, Any]:
    """Parameters shared by the match, facet and count queries."""
    return {
        "tsq": tsquery,
        "tsq_all": tsquery_all(analysis.all_term_lists),
        "phrase": phrase_form(analysis.corrected or analysis.raw),
        "keys": list(analysis.exact_keys) or [""],
        "xkeys": list(analysis.expanded_keys) or [""],
    }


MATCH = "(e.vector @@ q.tsq OR e.exact ?| %(keys)s::text[] OR e.exact ?| %(xkeys)s::text[])"
EXACT_SCORE = (
    "COALESCE((SELECT max(CASE WHEN x.k = ANY(%(keys)s::text[]) THEN x.v::float "  # noqa: S608 - table/config names are constants; values are bound
    f"ELSE x.v::float * {EXPANDED_KEY_WEIGHT} END) FROM jsonb_each_text(e.exact) AS x(k, v) "
    "WHERE x.k = ANY(%(keys)s::text[]) OR x.k = ANY(%(xkeys)s::text[])), 0)"
)


def search_sql(
    request: SearchRequest, analysis: QueryAnalysis, tsquery: str
) -> tuple[str, dict[str, Any]]:
    """One page of hits with the total (window count) and a ts_headline snippet per hit."""
    params = match_params(analysis, tsquery)
    params.update(
        weights=RANK_WEIGHTS, limit=request.page_size, offset=request.offset, hl=HEADLINE_OPTIONS
    )
    where = MATCH + _filters(request, params)
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq,
                  to_tsquery('{CONFIG}', %(tsq_all)s) AS tsq_all),
page AS (
    SELECT e.doc_type, e.curie, e.title, e.url, e.summary, e.extra,
           {EXACT_SCORE} * {EXACT_SCALE}
           + (ts_rank(%(weights)s::float4[], e.vector, q.tsq, 1)
              + ts_rank(%(weights)s::float4[], e.vector, q.tsq_all, 1)) * {TEXT_SCALE} * e.rank
           + similarity(e.title_norm, %(phrase)s) * {TITLE_SCALE} * e.rank AS score,
           count(*) OVER () AS total
    FROM {TABLE} e, q
    WHERE {where}
    ORDER BY score DESC, length(e.title), e.title
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.doc_type, page.curie, page.title, page.url, page.extra, page.score, page.total,
       ts_headline('{CONFIG}', CASE WHEN page.summary <> '' THEN left(page.summary, 4000)
                                    ELSE page.title END, q.tsq, %(hl)s) AS snippet
FROM page, q
ORDER BY page.score DESC, length(page.title), page.title"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


def facets_sql(
    request: SearchRequest, analysis: QueryAnalysis, tsquery: str
) -> tuple[str, dict[str, Any]]:
    """Counts per facet value, over every match (not only the page)."""
    params = match_params(analysis, tsquery)
    where = MATCH + _filters(request, params)
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq)
SELECT f.key, v.value, count(*) AS n
FROM {TABLE} e, q, jsonb_each(e.facets) AS f(key, value),
     jsonb_array_elements_text(f.value) AS v(value)
WHERE {where}
GROUP BY f.key, v.value
ORDER BY f.key, n DESC, v.value"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


def type_counts_sql(
    request: SearchRequest, analysis: QueryAnalysis, tsquery: str
) -> tuple[str, dict[str, Any]]:
    """Matches per doc type, ignoring the type filter so every type's count shows."""
    params = match_params(analysis, tsquery)
    where = MATCH + _filters(request, params, with_types=False)
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq)
SELECT e.doc_type, count(*) FROM {TABLE} e, q WHERE {where}
GROUP BY e.doc_type ORDER BY count(*) DESC"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


def similar_titles_sql(phrase: str, limit: int = 3) -> tuple[str, dict[str, Any]]:
    """Titles that look like the query (pg_trgm), for "did you mean" after a miss."""
    sql = (
        f"SELECT title FROM {TABLE} WHERE title_norm %% %(phrase)s "  # noqa: S608 - table/config names are constants; values are bound
        "ORDER BY similarity(title_norm, %(phrase)s) DESC, rank DESC LIMIT %(limit)s"
    )
    return sql, {"phrase": phrase, "limit": limit}


def autocomplete_sql(
    prefix: str, doc_types: Sequence[str], limit: int
) -> tuple[str, dict[str, Any]]:
    """Suggestions: names starting with the prefix first, then any word starting with it."""
    params: dict[str, Any] = {
        "tsq": prefix_tsquery(prefix),
        "starts": " ".join(words(prefix)) + "%",
        "limit": limit,
    }
    type_clause = ""
    if doc_types:
        params["types"] = list(doc_types)
        type_clause = " AND e.doc_type = ANY(%(types)s)"
    sql = f"""
SELECT e.doc_type, e.curie, e.title, e.url, e.extra
FROM {TABLE} e
WHERE e.autocomplete @@ to_tsquery('{SIMPLE_CONFIG}', %(tsq)s){type_clause}
ORDER BY (e.title_norm LIKE %(starts)s) DESC, e.rank DESC, length(e.title), e.title
LIMIT %(limit)s"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


def upsert_sql() -> str:
    """INSERT … ON CONFLICT for one document; vectors are computed by PostgreSQL."""
    return f"""
INSERT INTO {TABLE} (doc_type, object_id, curie, title, title_norm, url, summary, exact, vector,
                     autocomplete, autocomplete_text, facets, extra, rank, indexed_at)
VALUES (%(doc_type)s, %(object_id)s, %(curie)s, %(title)s, %(title_norm)s, %(url)s, %(summary)s,
        %(exact)s::jsonb,
        setweight(to_tsvector('{CONFIG}', %(a)s), 'A')
        || setweight(to_tsvector('{CONFIG}', %(b)s), 'B')
        || setweight(to_tsvector('{CONFIG}', %(c)s), 'C')
        || setweight(to_tsvector('{CONFIG}', %(d)s), 'D'),
        to_tsvector('{SIMPLE_CONFIG}', %(autocomplete_text)s), %(autocomplete_text)s,
        %(facets)s::jsonb, %(extra)s::jsonb, %(rank)s, now())
ON CONFLICT (doc_type, object_id) DO UPDATE SET
    curie = EXCLUDED.curie, title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
    url = EXCLUDED.url, summary = EXCLUDED.summary, exact = EXCLUDED.exact,
    vector = EXCLUDED.vector, autocomplete = EXCLUDED.autocomplete,
    autocomplete_text = EXCLUDED.autocomplete_text, facets = EXCLUDED.facets,
    extra = EXCLUDED.extra, rank = EXCLUDED.rank, indexed_at = EXCLUDED.indexed_at"""  # noqa: S608 - only constant names interpolated; values bound


def row_params(doc: IndexedDoc) -> dict[str, Any]:
    """The bound parameters of `upsert_sql()` for one document."""
    exact: dict[str, float] = {}
    for _name, key, boost in doc.exact:
        exact[key] = max(exact.get(key, 0.0), boost)
    by_weight = texts_by_weight(doc.texts)
    return {
        "doc_type": doc.doc_type,
        "object_id": doc.object_id,
        "curie": doc.curie,
        "title": doc.title,
        "title_norm": phrase_form(doc.title),
        "url": doc.url,
        "summary": doc.summary,
        "exact": json.dumps(exact),
        "a": by_weight["A"],
        "b": by_weight["B"],
        "c": by_weight["C"],
        "d": by_weight["D"],
        "autocomplete_text": " | ".join((*doc.autocomplete, doc.curie)),
        "facets": json.dumps(
            {name: list(values) for name, values in doc.filters.items() if values}
        ),
        "extra": json.dumps(doc.extra, default=str),
        "rank": doc.rank,
    }
