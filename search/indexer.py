"""Keeps the search backends in step with the database: index, delete and rebuild.

Documents are built once here from their declarations and handed to every active backend:
PostgreSQL always (it is also the fallback), plus OpenSearch when configured. An external
engine's failure is logged and never fails an editor's save or an import.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from rarelabs.pagecache import page_cache_invalidate_on_commit
from search import lexicon
from search.backends.base import SearchBackend, active_backends
from search.documents import IndexedDoc, doc_types, document_for, registry
from search.models import SearchSynonym, SearchTerm
from search.text import is_symbol_like, phrase_form, words

logger = logging.getLogger(__name__)

MAX_GROUP = 12  # a synonym group larger than this is noise (e.g. a gene with 40 aliases)
REBUILD_BATCH = 2000  # rows built per batch in a rebuild: fewer prefetch round trips
_state = threading.local()


@contextmanager
def suspend_signals() -> Iterator[None]:
    """Within this block, saves and deletes enqueue no reindex (bulk imports reindex at the end)."""
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1


def signals_suspended() -> bool:
    """Whether a `suspend_signals()` block is active in this thread."""
    return getattr(_state, "depth", 0) > 0


def _call(backend: SearchBackend, action: str, func: Callable[[], object]) -> None:
    if not backend.external:
        func()
        return
    try:
        func()
    except Exception:  # an external engine must never fail a save; health shows it degraded
        logger.exception(
            "search: %s on %s failed; PostgreSQL stays up to date", action, backend.name
        )


def index_objects(doc_type: str, ids: Iterable[int]) -> int:
    """(Re)index these rows of `doc_type`; ids that vanished or are not public are removed."""
    document = document_for(doc_type)
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return 0
    docs = [doc for batch in document.iter_documents(wanted) for doc in batch]
    gone = sorted(set(wanted) - {doc.object_id for doc in docs})
    for backend in active_backends():
        if docs:
            _call(backend, "index", lambda b=backend: b.index(docs))
        if gone:
            _call(backend, "delete", lambda b=backend: b.delete(doc_type, gone))
    _add_terms(lexicon_counts(docs))
    page_cache_invalidate_on_commit()  # cached search pages show the old index otherwise
    return len(docs)


def delete_objects(doc_type: str, ids: Iterable[int]) -> None:
    """Remove rows from every backend."""
    gone = sorted({int(i) for i in ids})
    for backend in active_backends():
        _call(backend, "delete", lambda b=backend: b.delete(doc_type, gone))
    page_cache_invalidate_on_commit()


@dataclass
class RebuildResult:
    """What a rebuild did, per backend."""

    doc_types: tuple[str, ...]
    documents: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def rebuild(
    doc_types: Sequence[str] | None = None,
    progress: bool = True,
    backends: Sequence[SearchBackend] | None = None,
) -> RebuildResult:
    """Rebuild the index of `doc_types` (all by default) on every backend, atomically."""
    types = tuple(doc_types or registry())
    for doc_type in types:
        document_for(doc_type)
    result = RebuildResult(doc_types=types)
    groups = synonym_groups()
    for backend in backends or active_backends():
        started = time.perf_counter()
        counts: Counter[str] = Counter()
        batches = _batches(types, progress and sys.stderr.isatty(), backend.name, counts)
        try:
            with transaction.atomic():
                result.documents[backend.name] = backend.rebuild(types, batches, groups)
                if not backend.external:
                    store_synonyms(groups)
                    _store_terms(counts, replace=set(types) == set(doc_types_all()))
                    backend.tidy()
        except Exception as exc:
            if not backend.external:
                raise
            logger.exception("search: rebuild on %s failed", backend.name)
            result.errors[backend.name] = str(exc)
        result.seconds[backend.name] = round(time.perf_counter() - started, 2)
    page_cache_invalidate_on_commit()
    return result


def doc_types_all() -> tuple[str, ...]:
    """Every registered doc type."""
    return doc_types()


def _batches(
    types: Sequence[str], show: bool, label: str, counts: Counter[str]
) -> Iterator[list[IndexedDoc]]:
    bar = None
    if show:
        from tqdm import tqdm

        total = sum(document_for(t).get_queryset().count() for t in types)
        bar = tqdm(total=total, desc=f"search rebuild ({label})", unit="doc", file=sys.stderr)
    try:
        for doc_type in types:
            for batch in document_for(doc_type).iter_documents(batch=REBUILD_BATCH):
                counts.update(lexicon_counts(batch))
                if bar is not None:
                    bar.update(len(batch))
                yield batch
    finally:
        if bar is not None:
            bar.close()


def synonym_groups() -> list[tuple[str, ...]]:
    """Every group of equivalent phrases the documents declare, normalised and de-duplicated."""
    groups: dict[tuple[str, ...], None] = {}
    for document in registry().values():
        for group in document.synonym_groups():
            phrases = tuple(dict.fromkeys(p for p in (phrase_form(x) for x in group) if p))
            if 1 < len(phrases) <= MAX_GROUP:
                groups[phrases] = None
    return list(groups)


def store_synonyms(groups: Sequence[tuple[str, ...]]) -> int:
    """Replace the synonym table (each phrase -> each other phrase of its group)."""
    pairs = {
        (term[:300], other[:300])
        for group in groups
        for term in group
        for other in group
        if other != term
    }
    # Two statements, not an ORM object per pair: the table holds ~100k pairs after a full load.
    terms, expansions = zip(*sorted(pairs), strict=True) if pairs else ((), ())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SearchSynonym._meta.db_table}")  # noqa: S608 - a model's table name
        cursor.execute(
            f"INSERT INTO {SearchSynonym._meta.db_table} (term, expansion, source_doc_type) "  # noqa: S608 - a model's table name
            "SELECT t, e, '' FROM unnest(%s::text[], %s::text[]) AS p(t, e) "
            "ON CONFLICT (term, expansion) DO NOTHING",
            [list(terms), list(expansions)],
        )
    lexicon.invalidate()
    return len(pairs)


def lexicon_counts(docs: Iterable[IndexedDoc]) -> Counter[str]:
    """Words of names and synonyms (fields boosted 4 or more): the spelling vocabulary, gene
    and protein symbols included ("mecp2", "pik3ca"), so a slip in one can be corrected."""
    counts: Counter[str] = Counter()
    for doc in docs:
        seen = set(words(doc.title))
        for _name, text, boost in doc.texts:
            if boost >= 4:
                seen.update(words(text))
        counts.update(w for w in seen if 3 <= len(w) <= 80 and (w.isalpha() or is_symbol_like(w)))
    return counts


def _store_terms(counts: Counter[str], replace: bool) -> None:
    if replace:
        SearchTerm.objects.all().delete()
        lexicon.invalidate()
    _add_terms(counts)


def _add_terms(counts: Counter[str]) -> None:
    if not counts:
        return
    terms, frequencies = zip(*sorted(counts.items()), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchterm (term, frequency) "
            "SELECT * FROM unnest(%s::text[], %s::int[]) "
            "ON CONFLICT (term) DO UPDATE "
            "SET frequency = search_searchterm.frequency + EXCLUDED.frequency",
            [list(terms), list(frequencies)],
        )
    lexicon.invalidate()
