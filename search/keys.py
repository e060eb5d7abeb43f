"""The exact keys and titles of the entry table, read by the search room and both backends.

PostgreSQL's entry table (`search_searchentry`) is kept up to date whichever engine answers
searches, so the room's key look-ups (a name typed exactly, the name a pointer reached, a "did
you mean" as the knowledge base writes it) read it here, not through one backend's module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection

TABLE = "search_searchentry"
TEXT_CONFIG = "rarelabs"  # the text search configuration the entry table's vectors are built with


def exact_names_sql(keys: Sequence[str], doc_types: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """One row if a document of these types has any of `keys` as an exact key (GIN lookup)."""
    sql = (
        f"SELECT 1 FROM {TABLE} e WHERE e.doc_type = ANY(%(types)s) "  # noqa: S608 - table name is a constant; values are bound
        "AND e.exact ?| %(keys)s::text[] LIMIT 1"
    )
    return sql, {"types": list(doc_types), "keys": list(keys)}


def document_keys_sql(doc_type: str, curie: str, keys: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """One row if the document `doc_type`/`curie` has any of `keys` as an exact key."""
    sql = (
        f"SELECT 1 FROM {TABLE} e WHERE e.doc_type = %(type)s AND e.curie = %(curie)s "  # noqa: S608 - table name is a constant; values are bound
        "AND e.exact ?| %(keys)s::text[] LIMIT 1"
    )
    return sql, {"type": doc_type, "curie": curie, "keys": list(keys)}


def _fetch(statement: str, params: Any) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def has_exact_key(keys: Sequence[str], doc_types: Sequence[str]) -> bool:
    """Does a document of these types have any of `keys` as an exact key? Raw SQL: the ORM's
    `exists()` cost ~0.4 ms of Python a call to build, asked on ~2 in 5 search misses."""
    return bool(_fetch(*exact_names_sql(keys, doc_types)))


def document_has_key(doc_type: str, curie: str, keys: Sequence[str]) -> bool:
    """Does this one document have any of `keys` as an exact key (a name, synonym, id)?"""
    return bool(keys) and bool(_fetch(*document_keys_sql(doc_type, curie, keys)))


def keys_held(keys: set[str]) -> set[str]:
    """Which of `keys` some document holds as an exact key (one GIN probe per key)."""
    if not keys:
        return set()
    rows = _fetch(
        f"SELECT k FROM unnest(%s::text[]) AS k WHERE EXISTS (SELECT 1 FROM {TABLE} e WHERE e.exact ? k)",  # noqa: S608 - table name is a constant; values are bound
        [sorted(keys)],
    )
    return {row[0] for row in rows}


def titles_of(doc_type: str, *, as_written: bool = False) -> list[str]:
    """The titles of every document of `doc_type` (~15k conditions, ~20 ms): normalised, or as
    the sources write them (their case) with `as_written`."""
    column = "title" if as_written else "title_norm"
    rows = _fetch(
        f"SELECT {column} FROM {TABLE} WHERE doc_type = %s",  # noqa: S608 - table and column names are constants; values are bound
        [doc_type],
    )
    return [row[0] for row in rows]


def names_lost(typed: str, read: str) -> bool:
    """Does one document's names (name, synonyms, symbols) hold every word of `typed` but not
    every word of `read`, stemmed as the index stems them? ("pick disease": Pick disease of
    brain holds it, not "pink disease"; every document holding "pomp disease" holds "pompe
    disease", one stem.)"""
    rows = _fetch(
        f"SELECT 1 FROM {TABLE} WHERE names @@ plainto_tsquery('{TEXT_CONFIG}', %s) "  # noqa: S608 - only constant names interpolated; values bound
        f"AND NOT names @@ plainto_tsquery('{TEXT_CONFIG}', %s) LIMIT 1",
        [typed, read],
    )
    return bool(rows)


def title_of_phrase(phrase: str) -> str | None:
    """The title, as its document writes it, of the best-ranked document titled `phrase`."""
    rows = _fetch(
        f"SELECT title FROM {TABLE} WHERE title_norm = %s ORDER BY rank DESC, id LIMIT 1",  # noqa: S608 - table name is a constant; values are bound
        [phrase],
    )
    return rows[0][0] if rows else None


def title_opening(phrase: str) -> str | None:
    """The title of the best-ranked (then shortest) document whose name opens with `phrase`."""
    rows = _fetch(
        f"SELECT title FROM {TABLE} WHERE title_norm LIKE %s "  # noqa: S608 - table name is a constant; values are bound
        "ORDER BY rank DESC, length(title), id LIMIT 1",
        [f"{phrase} %"],
    )
    return rows[0][0] if rows else None


def key_holder_names(key: str, doc_type: str) -> list[str]:
    """The names and synonyms, as written (" | "-joined), of the three documents of `doc_type`
    that hold `key` most strongly as an exact key."""
    rows = _fetch(
        f"SELECT autocomplete_text FROM {TABLE} WHERE exact ? %s AND doc_type = %s "  # noqa: S608 - table name is a constant; values are bound
        "ORDER BY (exact ->> %s)::float DESC, rank DESC, id LIMIT 3",
        [key, doc_type, key],
    )
    return [row[0] for row in rows]


def key_holders(key: str) -> list[tuple[str, str]]:
    """(curie, title) of the three documents that hold `key` most strongly as an exact key."""
    return _fetch(
        f"SELECT curie, title FROM {TABLE} WHERE exact ? %s "  # noqa: S608 - table name is a constant; values are bound
        "ORDER BY (exact ->> %s)::float DESC, rank DESC, id LIMIT 3",
        [key, key],
    )


def keys_boosted(doc_type: str, boost: float) -> set[str]:
    """The exact keys that documents of `doc_type` hold at exactly `boost` (the mark of one
    declared exact field); ~0.1 s for 44k genes."""
    rows = _fetch(
        f"SELECT e.key FROM {TABLE} AS s, jsonb_each_text(s.exact) AS e(key, boost) "  # noqa: S608 - table name is a constant; values are bound
        "WHERE s.doc_type = %s AND e.boost::float = %s",
        [doc_type, boost],
    )
    return {row[0] for row in rows}


def gene_causes(key: str) -> list[str]:
    """The ids of the conditions the gene holding `key` most strongly (its symbol) causes, as
    its entry lists them (`extra["causes"]`); none when no gene holds the key."""
    rows = _fetch(
        f"SELECT extra -> 'causes' FROM {TABLE} WHERE exact ? %s AND doc_type = 'gene' "  # noqa: S608 - table name is a constant; values are bound
        "ORDER BY (exact ->> %s)::float DESC, rank DESC, id LIMIT 1",
        [key, key],
    )
    # Django reads jsonb as text and decodes it itself.
    causes = json.loads(rows[0][0]) if rows and rows[0][0] else None
    return [str(curie) for curie in causes] if isinstance(causes, list) else []


def conditions_named(key: str, besides: Sequence[str]) -> list[str]:
    """The ids of the (at most three) conditions that hold `key` as a name or synonym, other
    than `besides`: "PAH" names pulmonary arterial hypertension as well as its gene."""
    rows = _fetch(
        f"SELECT curie FROM {TABLE} WHERE exact ? %s AND doc_type = 'condition' "  # noqa: S608 - table name is a constant; values are bound
        "AND NOT curie = ANY(%s) ORDER BY (exact ->> %s)::float DESC, rank DESC, id LIMIT 3",
        [key, list(besides), key],
    )
    return [row[0] for row in rows]


def named_with(curies: Sequence[str], words: str) -> list[str]:
    """Of the conditions `curies`, in their order, those whose names or synonyms hold every
    word of `words` (stemmed as the index stems them)."""
    rows = _fetch(
        f"SELECT curie FROM {TABLE} WHERE doc_type = 'condition' AND curie = ANY(%s) "  # noqa: S608 - table name is a constant; values are bound
        f"AND names @@ plainto_tsquery('{TEXT_CONFIG}', %s)",
        [list(curies), words],
    )
    found = {row[0] for row in rows}
    return [curie for curie in curies if curie in found]


def similar_title(phrase: str) -> str | None:
    """The title most like `phrase` (pg_trgm), for "did you mean" after a search found nothing,
    whichever engine searched."""
    rows = _fetch(
        f"SELECT title FROM {TABLE} WHERE title_norm %% %s "  # noqa: S608 - table name is a constant; values are bound
        "ORDER BY similarity(title_norm, %s) DESC, rank DESC LIMIT 1",
        [phrase, phrase],
    )
    return rows[0][0] if rows else None


def same_name_rows(doc_types: Sequence[str]) -> list[tuple[str, str, str, bool]]:
    """(doc_type, curie, title, is a group) of every document of `doc_types` whose normalised
    title another of them shares ("Sotos syndrome" three times; ~1,000 rows, read once per
    lexicon)."""
    return _fetch(
        f"SELECT doc_type, curie, title, coalesce((extra ->> 'is_group')::boolean, false) "  # noqa: S608 - table name is a constant; values are bound
        f"FROM {TABLE} WHERE doc_type = ANY(%(types)s) AND title_norm IN ("
        f"SELECT title_norm FROM {TABLE} WHERE doc_type = ANY(%(types)s) "
        "GROUP BY title_norm HAVING count(*) > 1)",
        {"types": list(doc_types)},
    )
