"""PostgreSQL full-text backend: thin I/O around the pure SQL builders beside it (`query`,
`counts`, `autocomplete`, `bulk_actions`)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.db import connection, transaction

from rarelabs.prepared import PreparedStatement
from search.analysis import QueryAnalysis
from search.backends.base import SearchBackend, first_of_each
from search.backends.postgres import counts as counting
from search.backends.postgres.autocomplete import autocomplete_sql
from search.backends.postgres.bulk_actions import tidy_statements, upsert_params, upsert_sql
from search.backends.postgres.counts import DIRECT, TITLE, stats_sql
from search.backends.postgres.query import matching_sql, search_sql
from search.backends.postgres.text_clauses import prefix_tsquery, tsquery_all, tsquery_any
from search.documents import IndexedDoc
from search.documents import doc_types as registered_types
from search.keys import TABLE
from search.request import Hit, SearchRequest, SearchResponse, Suggestion
from search.text import safe_snippet


def _fetch(statement: str, params: dict[str, Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


# The counting statement's parameters and their types, for the prepared forms of it.
_COUNT_PARAM_TYPES = {
    "tsm": "text", "keys": "text[]", "xkeys": "text[]", "all_types": "text[]",
    "types": "text[]", "cap": "int", "few": "int",
}  # fmt: skip
_PARAM = re.compile(r"%\((\w+)\)s")
_counting_statements: dict[str, PreparedStatement] = {}


def _counting_statement(statement: str) -> PreparedStatement:
    """The counting statement prepared once per connection, one per text (a few per process).

    Its tsquery is read from a materialised CTE, so its plan never depended on the words:
    planning it cost ~0.5 ms of PostgreSQL CPU a search, and the generic plan reads the same
    rows (the first matches in table order past the cap, as before)."""
    prepared = _counting_statements.get(statement)
    if prepared is None:
        digest = hashlib.sha1(statement.encode(), usedforsecurity=False).hexdigest()[:12]
        types = {name: _COUNT_PARAM_TYPES[name] for name in _PARAM.findall(statement)}
        prepared = PreparedStatement(f"rl_search_count_{digest}", statement, types)
        _counting_statements[statement] = prepared
    return prepared


def _extra(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else (value or {})


def _hit(row: Sequence[Any], score: float, snippet: str, rank: float) -> Hit:
    """A hit from a row that starts (doc_type, curie, title, url, extra)."""
    return Hit(
        doc_type=row[0],
        id=row[1],
        name=row[2],
        url=row[3],
        extra=_extra(row[4]),
        score=score,
        snippet=snippet,
        rank=rank,
    )


def tidy(cursor: Any) -> None:
    """After a bulk load: merge the GIN pending lists and refresh the planner's statistics.

    Without this, every search scans megabytes of unmerged GIN entries until autovacuum comes
    (measured: 6 ms -> 0.3 ms for one exact-key probe) and the planner misjudges row counts.
    Both statements run inside a transaction, so the rebuild stays atomic.
    """
    for statement in tidy_statements():
        cursor.execute(statement)


class _Stats:
    """The stats query's rows read back: total, direct exact hits, facets and their lower bounds.

    Each type was counted up to the cap + 1: a type past the cap shows the cap, marked "more
    than". The total sums the requested types; when one of them is past the cap, the total and
    the other facets (counted over the rows read) are lower bounds.
    """

    def __init__(self, rows: list[tuple], doc_types: Sequence[str]) -> None:
        cap = counting.COUNT_CAP  # read at call time: a test lowers it
        self.direct = 0
        self.titles: list[str] = []  # of the all-words matches, when there are only a few
        types: dict[str, int] = {}
        facets: dict[str, list[tuple[str, int]]] = {}
        for key, value, count in sorted(rows, key=lambda row: (row[0], -row[2], row[1])):
            if key == DIRECT:
                self.direct = count
            elif key == TITLE:
                self.titles.append(value)
            elif key == "type":
                types[value] = count
            else:
                facets.setdefault(key, []).append((value, count))
        chosen = [t for t in types if not doc_types or t in doc_types]
        self.matched = sum(min(n, cap) for n in types.values())
        self.total = sum(min(types[t], cap) for t in chosen)
        self.lower_bound = any(types[t] > cap for t in chosen)
        # From the cap on the page is ranked names-first, as when one scan counted every type.
        self.capped = self.total >= cap
        self.facets = {"type": [(t, min(n, cap)) for t, n in types.items()], **facets}
        bounded = [("type", t) for t, n in types.items() if n > cap]
        if self.lower_bound:
            bounded += [(name, value) for name in facets for value, _n in facets[name]]
        self.lower_bounds = frozenset(bounded)


class PostgresBackend(SearchBackend):
    """Weighted tsvectors, exact keys in JSONB and pg_trgm, all in one table."""

    name = "postgres"

    def search(self, request: SearchRequest, analysis: QueryAnalysis) -> SearchResponse:
        """A page of hits: all words must match; any word does if that finds (almost) nothing."""
        term_lists = analysis.all_term_lists
        tsquery = tsquery_all(term_lists)
        stats = self._stats(request, analysis, tsquery)

        # A name or id typed exactly is the answer: no need to widen to any word.
        # Decided on every type's matches, so a chosen type answers the count shown beside it.
        if analysis.should_widen(stats.matched, stats.direct, lambda: stats.titles):
            tsquery = tsquery_any(term_lists)
            # Any word of a long name nearly always passes the cap: count each type at once.
            stats = self._stats(request, analysis, tsquery, each_type=True)
        rows: list[tuple] = []
        if stats.total and request.offset < stats.total:
            needed = request.offset + request.page_size
            if stats.capped:
                rows = _fetch(*search_sql(request, analysis, tsquery, names_only=True))
            if len(rows) < min(needed, stats.total) - request.offset:
                rows = _fetch(*search_sql(request, analysis, tsquery))
        hits = [
            _hit(row, round(float(row[5]), 4), safe_snippet(row[6] or ""), float(row[7]))
            for row in rows
        ]
        return SearchResponse(
            total=stats.total,
            hits=hits,
            facets=stats.facets if stats.total else {},
            did_you_mean=analysis.corrected,
            page=request.page,
            page_size=request.page_size,
            backend=self.name,
            total_is_lower_bound=stats.lower_bound,
            facet_lower_bounds=stats.lower_bounds if stats.total else frozenset(),
            widened=tsquery != tsquery_all(term_lists),
        )

    def matching(
        self, request: SearchRequest, analysis: QueryAnalysis, widened: bool, ids: Collection[str]
    ) -> list[Hit]:
        """Of `ids`, the documents the page's reading matches (one exact-key probe)."""
        if not ids:
            return []
        lists = analysis.all_term_lists
        tsquery = tsquery_any(lists) if widened else tsquery_all(lists)
        rows = _fetch(*matching_sql(request, analysis, tsquery, sorted(ids)))
        return [_hit(row, 0.0, "", float(row[5])) for row in rows]

    @staticmethod
    def _stats(
        request: SearchRequest, analysis: QueryAnalysis, tsquery: str, each_type: bool = False
    ) -> _Stats:
        statement, params = stats_sql(request, analysis, tsquery, registered_types(), each_type)
        if request.filters:  # each filter value adds a clause: one text per choice, not prepared
            return _Stats(_fetch(statement, params), request.doc_types)
        return _Stats(_counting_statement(statement).fetchall(params), request.doc_types)

    def autocomplete(
        self, prefixes: Sequence[str], doc_types: Sequence[str], limit: int
    ) -> list[Suggestion]:
        """Names whose words start with what was typed, in any of its spellings."""
        prefixes = [prefix for prefix in prefixes if prefix_tsquery(prefix)]
        if not prefixes:
            return []
        rows = _fetch(*autocomplete_sql(prefixes, doc_types, limit))
        return first_of_each(
            [
                Suggestion(doc_type=row[0], id=row[1], name=row[2], url=row[3], detail=row[1])
                for row in rows
            ],
            limit,
        )

    def index(self, docs: Sequence[IndexedDoc]) -> None:
        """Upsert documents (ON CONFLICT), in one transaction."""
        if not docs:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(upsert_sql(), upsert_params(docs))

    def delete(self, doc_type: str, object_ids: Sequence[int]) -> None:
        """Remove documents by id."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE doc_type = %s AND object_id = ANY(%s)",  # noqa: S608 - table/config names are constants; values are bound
                [doc_type, list(object_ids)],
            )

    def rebuild(
        self,
        doc_types: Sequence[str],
        batches: Iterable[Sequence[IndexedDoc]],
        synonym_groups: Sequence[tuple[str, ...]],
    ) -> int:
        """Delete and refill `doc_types` in ONE transaction; readers see old rows until commit."""
        count = 0
        upsert = upsert_sql()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE doc_type = ANY(%s)", [list(doc_types)])  # noqa: S608 - table/config names are constants; values are bound
            for batch in batches:
                cursor.execute(upsert, upsert_params(batch))
                count += len(batch)
        return count

    def tidy(self) -> None:
        """Merge GIN pending lists and ANALYZE (see `tidy`); the indexer calls it after loads."""
        with connection.cursor() as cursor:
            tidy(cursor)

    def counts(self) -> dict[str, int]:
        """Documents per doc type."""
        return dict(_fetch(f"SELECT doc_type, count(*) FROM {TABLE} GROUP BY doc_type", {}))  # noqa: S608 - table/config names are constants; values are bound

    def ping(self) -> str:
        """PostgreSQL answers whenever the site does."""
        total = sum(self.counts().values())
        return f"PostgreSQL full-text search, {total} documents"
