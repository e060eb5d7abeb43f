"""Pure builders of the PostgreSQL backend's SQL: (sql, params) pairs, no connection needed.

Words reach SQL only as bound parameters, and tsquery strings are built from [a-z0-9] words,
so no query text can break the tsquery syntax or the SQL. Longer than 400 lines: every
statement the backend sends is built here, one home for its SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from search.analysis import EXACT_SCALE, FEW_HITS, QueryAnalysis
from search.backends.postgres.weights import RANK_WEIGHTS, texts_by_weight
from search.documents import IndexedDoc
from search.keys import TABLE, TEXT_CONFIG
from search.request import SearchRequest
from search.text import MARK_END, MARK_START, key_form, phrase_form, words

CONFIG = TEXT_CONFIG
SIMPLE_CONFIG = "rarelabs_simple"
TEXT_SCALE = 100.0
TITLE_SCALE = 60.0  # trigram likeness of the title to the query breaks ties between siblings
CANDIDATES = 100  # rows beyond the page that stage two re-ranks
BODY_SHARE = 0.3  # weight of the whole-document rank beside the names rank
MAX_KEYS = 12  # exact keys looked up per row
CURIE_LENGTH = 255  # search_searchentry.curie is varchar(255) (migration 0003)
# Matches counted per type; beyond, a type's count reads "more than 1,000" and the total is a
# lower bound. From 1,000 matches the page is ranked names-first. Both bounds were halved from
# 2,000 / 1,000 at 200k documents: the two statements of a common or widened query read every
# counted or pooled row from the heap, so they cost in proportion.
COUNT_CAP = 1_000
NAMES_POOL = 500  # names-first stage one ranks at most this many name matches
POOL_WORDS = 8  # after widening to any word, each of these words pools its own name matches
WORD_POOL = 60  # ... when it has at most this many: a rare word's matches are all there
NEAR_NAME = 0.7  # word_similarity at which a name, synonyms included, is nearly the query
DIRECT = "_direct"
TITLE = "_title"  # the stats rows that carry the names of a few all-words matches
AUTOCOMPLETE_POOL = 60  # candidates per autocomplete pool
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
    """Parameters shared by the page and stats queries."""
    return {
        "tsq": tsquery,
        "tsq_all": tsquery_all(analysis.all_term_lists),
        "phrase": phrase_form(analysis.corrected or analysis.raw),
        "keys": list(analysis.exact_keys) or [""],
        # every key reached otherwise (synonym, spelling, tie, part of a sentence): they match too
        "xkeys": list(analysis.reached_keys) or [""],
    }


def _match(column: str = "vector") -> str:
    return f"(e.{column} @@ q.tsq OR e.exact ?| %(keys)s::text[] OR e.exact ?| %(xkeys)s::text[])"


def exact_score(analysis: QueryAnalysis, params: dict[str, Any]) -> str:
    """The best exact-key boost of a row: a few `->>` lookups, no per-row set function."""
    parts = []
    for group, (keys, weight) in enumerate(analysis.weighted_keys):
        for index, key in enumerate(keys[:MAX_KEYS]):
            name = f"k{group}_{index}"
            params[name] = key
            factor = f" * {weight}" if weight != 1 else ""
            parts.append(f"(e.exact ->> %({name})s)::float{factor}")
    return f"COALESCE(GREATEST({', '.join(parts)}), 0)" if parts else "0"


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
    where = _match() + _filters(request, params)
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
        where = "TRUE" + _filters(request, params)
    # The row's rank multiplies its exact boost too, as OpenSearch's `field_value_factor` does:
    # a sign's label equal to a condition's name ("Aspartylglucosaminuria") ranks below it.
    # Names decide (normalised by the names' length only, so a rich body costs nothing);
    # the whole document adds a share, which orders matches found in bodies alone.
    text = "ts_rank(%(weights)s::float4[], e.names, q.tsq, 1)"
    if not names_only:
        text += f" + ts_rank(%(weights)s::float4[], e.vector, q.tsq, 1) * {BODY_SHARE}"
    # After widening to any word, documents with every word get the all-words rank on top.
    all_words = ""
    likeness = "similarity(e.title_norm, %(phrase)s)"
    if widened:
        all_words = (
            f"\n           + ts_rank(%(weights)s::float4[], e.names, q.tsq_all, 1)"
            f" * {TEXT_SCALE} * e.rank"
        )
        # Some word matched nowhere (a misspelt "Werdnig Hoffman disease"): the name closest to
        # the whole query, synonyms included, beats a short title sharing one common word
        # ("Wolman disease"). Stage two only, so at most `CANDIDATES` rows pay for it.
        # Only a name nearly the whole query counts ("gene therapy for sma" shares "therapy"
        # with a medicine's name, 0.48; the misspelt eponym scores 0.88).
        likeness = (
            f"GREATEST({likeness}, CASE WHEN word_similarity(%(phrase)s, e.autocomplete_text)"
            f" >= {NEAR_NAME} THEN word_similarity(%(phrase)s, e.autocomplete_text) ELSE 0 END)"
        )
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq,
                  to_tsquery('{CONFIG}', %(tsq_all)s) AS tsq_all),
{pool}cand AS (
    SELECT e.id, ({exact} * {EXACT_SCALE} + ({text}) * {TEXT_SCALE}) * e.rank AS pre
    FROM {source}
    WHERE {where}
    ORDER BY pre DESC
    LIMIT %(candidates)s
),
page AS (
    SELECT e.doc_type, e.curie, e.title, e.url, e.summary, e.extra, e.rank,
           cand.pre{all_words}
           + {likeness} * {TITLE_SCALE} * e.rank AS score
    FROM cand JOIN {TABLE} e ON e.id = cand.id, q
    ORDER BY score DESC, length(e.title), e.title
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.doc_type, page.curie, page.title, page.url, page.extra, page.score,
       ts_headline('{CONFIG}', CASE WHEN page.summary <> '' THEN left(page.summary, 4000)
                                    ELSE page.title END, q.tsq, %(hl)s) AS snippet, page.rank
FROM page, q
ORDER BY page.score DESC, length(page.title), page.title"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


def _name_pools(analysis: QueryAnalysis, params: dict[str, Any], widened: bool) -> str:
    """The name matches pooled beside the exact hits: `NAMES_POOL` rows matching the query.

    After widening to any word, each rare word (at most `WORD_POOL` name matches) pools all
    its rows too: the shared LIMIT over "werdnig | hoffman | disease" is unordered, fills up
    with "disease" rows and could leave out the few rows naming "werdnig", the ones the query
    is about.
    """
    params["pool"] = NAMES_POOL
    shared = (
        f"    UNION\n    (SELECT e.id FROM {TABLE} e, q WHERE e.names @@ q.tsq LIMIT %(pool)s)\n"  # noqa: S608 - only constant names interpolated; values bound
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
    where = _match() + _filters(request, params, with_types=False)
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
WITH q AS MATERIALIZED (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq),
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


def matching_sql(
    request: SearchRequest, analysis: QueryAnalysis, tsquery: str, ids: Sequence[str]
) -> tuple[str, dict[str, Any]]:
    """Which of the documents `ids` name match the search (its words, keys and filters): an
    exact-key probe (every document holds its own id as a key), then the match on those rows."""
    params = match_params(analysis, tsquery)
    params.update(curies=list(ids), id_keys=[key_form(curie) for curie in ids])
    # The few rows first (materialised): planned with the words, it read their matches.
    sql = f"""
WITH q AS (SELECT to_tsquery('{CONFIG}', %(tsq)s) AS tsq),
own AS MATERIALIZED (
    SELECT * FROM {TABLE} e WHERE e.exact ?| %(id_keys)s::text[] AND e.curie = ANY(%(curies)s)
)
SELECT e.doc_type, e.curie, e.title, e.url, e.extra, e.rank
FROM own e, q
WHERE {_match()}{_filters(request, params)}
ORDER BY e.rank DESC, e.curie"""  # noqa: S608 - only constant names interpolated; values bound
    return sql, params


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


# The columns `row_params` fills, with their array types for `unnest` (one statement a batch).
_UPSERT_COLUMNS = (
    ("doc_type", "text"), ("object_id", "bigint"), ("curie", "text"), ("title", "text"),
    ("title_norm", "text"), ("url", "text"), ("summary", "text"), ("exact", "text"),
    ("a", "text"), ("b", "text"), ("c", "text"), ("d", "text"), ("autocomplete_text", "text"),
    ("facets", "text"), ("extra", "text"), ("rank", "float8"),
)  # fmt: skip


def upsert_sql() -> str:
    """INSERT … ON CONFLICT for a batch of documents, bound as one array per column.

    One statement per batch instead of one per document (`executemany`); vectors are still
    computed by PostgreSQL from the same text, so the rows are the same.
    """
    arrays = ", ".join(f"%({name})s::{kind}[]" for name, kind in _UPSERT_COLUMNS)
    names = ", ".join(name for name, _kind in _UPSERT_COLUMNS)
    return f"""
INSERT INTO {TABLE} (doc_type, object_id, curie, title, title_norm, url, summary, exact, vector,
                     names, autocomplete, autocomplete_text, facets, extra, rank, indexed_at)
SELECT r.doc_type, r.object_id, r.curie, r.title, r.title_norm, r.url, r.summary,
       r.exact::jsonb, v.vector, ts_filter(v.vector, '{{a,b}}'),
       to_tsvector('{SIMPLE_CONFIG}', r.autocomplete_text), r.autocomplete_text,
       r.facets::jsonb, r.extra::jsonb, r.rank, now()
FROM unnest({arrays}) AS r({names})
CROSS JOIN LATERAL (SELECT setweight(to_tsvector('{CONFIG}', r.a), 'A')
             || setweight(to_tsvector('{CONFIG}', r.b), 'B')
             || setweight(to_tsvector('{CONFIG}', r.c), 'C')
             || setweight(to_tsvector('{CONFIG}', r.d), 'D') AS vector) AS v
ON CONFLICT (doc_type, object_id) DO UPDATE SET
    curie = EXCLUDED.curie, title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
    url = EXCLUDED.url, summary = EXCLUDED.summary, exact = EXCLUDED.exact,
    vector = EXCLUDED.vector, names = EXCLUDED.names, autocomplete = EXCLUDED.autocomplete,
    autocomplete_text = EXCLUDED.autocomplete_text, facets = EXCLUDED.facets,
    extra = EXCLUDED.extra, rank = EXCLUDED.rank, indexed_at = EXCLUDED.indexed_at"""  # noqa: S608 - only constant names interpolated; values bound


def upsert_params(docs: Sequence[IndexedDoc]) -> dict[str, list[Any]]:
    """The bound arrays of `upsert_sql()`; a document given twice keeps its last version.

    (ON CONFLICT cannot touch one row twice in a statement, and the last write won before.)
    """
    rows = list({(doc.doc_type, doc.object_id): row_params(doc) for doc in docs}.values())
    return {name: [row[name] for row in rows] for name, _kind in _UPSERT_COLUMNS}


def tidy_statements() -> list[str]:
    """Merge every GIN pending list of the search tables, then ANALYZE them."""
    return [
        "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
        "WHERE a.amname = 'gin' AND i.indrelid IN ('search_searchentry'::regclass, "
        "'search_searchterm'::regclass)",
        "ANALYZE search_searchentry",
        "ANALYZE search_searchterm",
        "ANALYZE search_searchsynonym",
    ]


_DASH_NUMBER = re.compile(r"(?<=\w)-(?=\d)")


def _split_numbers(text: str) -> str:
    # PostgreSQL's parser reads "SNORD115-5" as 'snord115' and the signed number '-5', which
    # the query word "5" never matches; a space makes both sides agree.
    return _DASH_NUMBER.sub(" ", text)


def row_params(doc: IndexedDoc) -> dict[str, Any]:
    """The bound parameters of `upsert_sql()` for one document."""
    exact: dict[str, float] = {}
    for _name, key, boost in doc.exact:
        exact[key] = max(exact.get(key, 0.0), boost)
    by_weight = texts_by_weight(doc.texts)
    return {
        "doc_type": doc.doc_type,
        "object_id": doc.object_id,
        "curie": doc.curie[:CURIE_LENGTH],  # slugs are up to 200; 120 once overflowed
        "title": doc.title,
        "title_norm": phrase_form(doc.title),
        "url": doc.url,
        "summary": doc.summary,
        "exact": json.dumps(exact),
        "a": _split_numbers(by_weight["A"]),
        "b": _split_numbers(by_weight["B"]),
        "c": _split_numbers(by_weight["C"]),
        "d": _split_numbers(by_weight["D"]),
        "autocomplete_text": " | ".join((*doc.autocomplete, doc.curie)),
        "facets": json.dumps(
            {name: list(values) for name, values in doc.filters.items() if values}
        ),
        "extra": json.dumps(doc.extra, default=str),
        "rank": doc.rank,
    }
