"""Writing the entry table: the stored row of a document, the batch upsert that writes rows and
their vectors, and the statements that tidy the search tables after a load."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from search.backends.postgres.text_clauses import CONFIG, SIMPLE_CONFIG
from search.backends.postgres.weights import texts_by_weight
from search.documents import IndexedDoc
from search.keys import TABLE
from search.text import phrase_form

CURIE_LENGTH = 255  # search_searchentry.curie is varchar(255) (migration 0003)

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
