"""Pure builders of the PostgreSQL backend's search statements: (sql, params) pairs, no
connection needed. One page of hits ranked in two stages (`search_sql`), over the words and keys
of `text_clauses`, the filters of `filters` and the title's likeness (`title_likeness`); and
which of a few named documents match (`matching_sql`). Counting is `counts`, suggestions
`autocomplete`, writing the entry table `bulk_actions`.

Words reach SQL only as bound parameters (see `text_clauses`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.analysis import EXACT_SCALE, QueryAnalysis
from search.backends.postgres.filters import filter_clauses
from search.backends.postgres.text_clauses import (
    CONFIG,
    exact_score,
    match_condition,
    match_params,
)
from search.backends.postgres.title_likeness import TITLE_SCALE, title_likeness
from search.backends.postgres.weights import RANK_WEIGHTS
from search.keys import TABLE
from search.request import SearchRequest
from search.text import MARK_END, MARK_START, key_form

TEXT_SCALE = 100.0
CANDIDATES = 100  # rows beyond the page that stage two re-ranks
BODY_SHARE = 0.3  # weight of the whole-document rank beside the names rank
NAMES_POOL = 500  # names-first stage one ranks at most this many name matches
POOL_WORDS = 8  # after widening to any word, each of these words pools its own name matches
WORD_POOL = 60  # ... when it has at most this many: a rare word's matches are all there
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def search_sql(
    request: SearchRequest, analysis: QueryAnalysis, tsquery: str, names_only: bool = False
) -> tuple[str, dict[str, Any]]:
    """One page of hits with a ts_headline snippet each, ranked in two stages.

    Stage one scores every match cheaply (exact boost + one ts_rank) and keeps the best
    `CANDIDATES` beyond the page; stage two adds the all-words rank and title likeness to those
    only. `names_only` matches and pre-ranks on the small names vector (tiers A-B), over the
    exact hits plus at most `NAMES_POOL` name matches: used when the full match set is large,
    so a common word never ranks tens of thousands of rows.
    """
    params = match_params(analysis, tsquery)
    params.update(
        weights=RANK_WEIGHTS,
        limit=request.page_size,
        offset=request.offset,
        candidates=request.offset + request.page_size + CANDIDATES,
        hl=HEADLINE_OPTIONS,
    )
    exact = exact_score(analysis, params)
    widened = params["tsq"] != params["tsq_all"]
    source = f"{TABLE} e, q"
    where = match_condition() + filter_clauses(request, params)
    pool = ""
    if names_only:
        # A bounded pool of name matches (exact hits always among them), materialised first and
        # joined by id: every pooled row matches by construction, so the match is not re-checked
        # over all name matches (6,818 rows for "tRNA-Gln", 14 ms at 200k). The pool reads the
        # tsquery through `q`, whose selectivity the planner can't see: with the literal it
        # guessed thousands of matches and chose a sequential scan that read 52k wide rows
        # to find 1,000 (40 ms for "RNA, 7SL").
        pool = (
            f"pool AS MATERIALIZED (\n"  # noqa: S608 - only constant names interpolated; values bound
            f"    SELECT e.id FROM {TABLE} e"
            f" WHERE e.exact ?| %(keys)s::text[] OR e.exact ?| %(xkeys)s::text[]\n"
            f"{_name_pools(analysis, params, widened)}"
            f"),\n"
        )
        source = f"pool JOIN {TABLE} e ON e.id = pool.id, q"
        where = "TRUE" + filter_clauses(request, params)
    # The row's rank multiplies its exact boost too, as OpenSearch's `field_value_factor` does:
    # a sign's label equal to a condition's name ("Aspartylglucosaminuria") ranks below it.
    # Names decide (normalised by the names' length only, so a rich body costs nothing);
    # the whole document adds a share, which orders matches found in bodies alone.
    text = "ts_rank(%(weights)s::float4[], e.names, q.tsq, 1)"
    if not names_only:
        text += f" + ts_rank(%(weights)s::float4[], e.vector, q.tsq, 1) * {BODY_SHARE}"
    # After widening to any word, documents with every word get the all-words rank on top.
    all_words = ""
    if widened:
        all_words = (
            f"\n           + ts_rank(%(weights)s::float4[], e.names, q.tsq_all, 1)"
            f" * {TEXT_SCALE} * e.rank"
        )
    likeness = title_likeness(widened)
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq,
                  to_tsquery('{CONFIG}', %(tsm)s) AS tsm,
                  to_tsquery('{CONFIG}', %(tsq_all)s) AS tsq_all),
{pool}cand AS (
    SELECT e.id, ({exact} * {EXACT_SCALE} + ({text}) * {TEXT_SCALE}) * e.rank AS pre
    FROM {source}
    WHERE {where}
    ORDER BY pre DESC
    LIMIT %(candidates)s
),
page AS (
    SELECT e.doc_type, e.object_id, e.curie, e.title, e.title_norm, e.url, e.summary, e.extra,
           e.rank,
           cand.pre{all_words}
           + {likeness} * {TITLE_SCALE} * e.rank AS score
    FROM cand JOIN {TABLE} e ON e.id = cand.id, q
    ORDER BY score DESC, {tie_order("e")}
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.doc_type, page.curie, page.title, page.url, page.extra, page.score,
       ts_headline('{CONFIG}', CASE WHEN page.summary <> '' THEN left(page.summary, 4000)
                                    ELSE page.title END, q.tsq, %(hl)s) AS snippet, page.rank
FROM page, q
ORDER BY page.score DESC, {tie_order("page")}"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


def tie_order(row: str) -> str:
    """Equal scores in one order on every backend (OpenSearch's `paging.SORT`): the shorter
    title, then the folded title, then the document's uid ("gene:10" before "gene:9"), byte by
    byte as OpenSearch sorts a keyword. By the title as written, PostgreSQL put "T-B+ severe
    combined immunodeficiency" before "T-B- ..." and a name in capitals before the same name in
    lower case ("ABETALIPOPROTEINEMIA", OMIM), in the database's collation, where OpenSearch
    went by the uid."""
    uid = f"({row}.doc_type || ':' || {row}.object_id)"
    return f'length({row}.title), {row}.title_norm COLLATE "C", {uid} COLLATE "C"'


def _name_pools(analysis: QueryAnalysis, params: dict[str, Any], widened: bool) -> str:
    """The name matches pooled beside the exact hits: `NAMES_POOL` rows matching the query.

    After widening to any word, each rare word (at most `WORD_POOL` name matches) pools all
    its rows too: the shared LIMIT over "werdnig | hoffman | disease" is unordered, fills up
    with "disease" rows and could leave out the few rows naming "werdnig", the ones the query
    is about.
    """
    params["pool"] = NAMES_POOL
    shared = (
        f"    UNION\n    (SELECT e.id FROM {TABLE} e, q WHERE e.names @@ q.tsm LIMIT %(pool)s)\n"  # noqa: S608 - only constant names interpolated; values bound
    )
    if not widened:
        return shared
    terms = list(dict.fromkeys(t for ts in analysis.all_term_lists for t in ts))[:POOL_WORDS]
    params["word_pool"] = WORD_POOL
    parts = [shared]
    for index, term in enumerate(terms):
        params[f"pw{index}"] = term
        # A common word's rows are left to the shared pool: it adds nothing but noise here.
        parts.append(
            f"    UNION\n    (SELECT w.id FROM (SELECT m.id, count(*) OVER () AS n FROM"  # noqa: S608 - only constant names interpolated; values bound
            f" (SELECT e.id FROM {TABLE} e WHERE e.names @@ to_tsquery('{CONFIG}', %(pw{index})s)"
            f" LIMIT %(word_pool)s + 1) m) w WHERE w.n <= %(word_pool)s)\n"
        )
    return "".join(parts)


def matching_sql(
    request: SearchRequest, analysis: QueryAnalysis, tsquery: str, ids: Sequence[str]
) -> tuple[str, dict[str, Any]]:
    """Which of the documents `ids` name match the search (its words, keys and filters): an
    exact-key probe (every document holds its own id as a key), then the match on those rows."""
    params = match_params(analysis, tsquery)
    params.update(curies=list(ids), id_keys=[key_form(curie) for curie in ids])
    # The few rows first (materialised): planned with the words, it read their matches.
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsm)s) AS tsm),
own AS MATERIALIZED (
    SELECT * FROM {TABLE} e WHERE e.exact ?| %(id_keys)s::text[] AND e.curie = ANY(%(curies)s)
)
SELECT e.doc_type, e.curie, e.title, e.url, e.extra, e.rank
FROM own e, q
WHERE {match_condition()}{filter_clauses(request, params)}
ORDER BY e.rank DESC, e.curie"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params
