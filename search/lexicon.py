"""In-process copies of the synonym table and the spelling lexicon, reloaded when they change.

Query analysis reads them on every search; fetching them from PostgreSQL each time cost more
than the search itself. The indexer calls `invalidate()` whenever it writes either table: this
process drops its copy at once, and other processes notice the generation number in the shared
cache (checked at most every `CHECK_SECONDS`) after the writing transaction commits.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from search.documents import ExactField, registry
from search.keys import keys_boosted

logger = logging.getLogger(__name__)

CHECK_SECONDS = 1.0
_lock = threading.Lock()
_derive_lock = threading.RLock()  # a build may read another derived table
T = TypeVar("T")
_state: dict[str, object] = {"lexicon": None, "generation": None, "checked": 0.0}


@dataclass(frozen=True)
class Lexicon:
    """Phrase -> its synonyms (longest phrases matter first), every known word with the
    number of documents whose names use it (the spelling proposals' tie-breaker), and the keys
    of exact fields declared `preferred_spelling` (the symbols of genes linked to a condition)."""

    synonyms: dict[str, tuple[str, ...]]
    terms: Mapping[str, int]
    preferred: frozenset[str] = frozenset()
    # What readers build from this lexicon on first need (the known words by sound, the names
    # inside longer titles): built once per lexicon, dropped with it when it is reloaded.
    _derived: dict[Callable[..., object], object] = field(
        default_factory=dict, compare=False, repr=False
    )

    def derived(self, build: Callable[[Lexicon], T]) -> T:
        """`build(self)`, built on the first call and kept for this lexicon's lifetime."""
        with _derive_lock:
            if build not in self._derived:
                self._derived[build] = build(self)
            return self._derived[build]  # type: ignore[return-value]


def _key() -> str:
    # One generation per database, so test databases never invalidate each other's copies.
    return f"search:lexicon-generation:{connection.settings_dict['NAME']}"


def _shared_generation() -> str | None:
    """The current generation, created if missing; None only when the cache is unreachable."""
    try:
        generation = cache.get(_key())
        if generation is None:  # first reader after a cache flush: start a generation
            cache.add(_key(), uuid.uuid4().hex, timeout=None)
            generation = cache.get(_key())
        return generation
    except (ConnectionInterrupted, RedisError, OSError):
        logger.warning("search: cache unreachable; reloading the lexicon from PostgreSQL")
        return None


def _load() -> Lexicon:
    synonyms: dict[str, list[str]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, expansion FROM search_searchsynonym ORDER BY term, expansion")
        for term, expansion in cursor.fetchall():
            synonyms[term].append(expansion)
        cursor.execute("SELECT term, frequency FROM search_searchterm")
        terms = dict(cursor.fetchall())
    return Lexicon(
        synonyms={k: tuple(v) for k, v in synonyms.items()},
        terms=terms,
        preferred=_preferred_keys(),
    )


def _preferred_keys() -> frozenset[str]:
    """The PostgreSQL index's keys of every exact field declared `preferred_spelling` (it is
    always kept up to date, whichever engine answers): the field's boost marks them."""
    keys: set[str] = set()
    for document in registry().values():
        for declared in document.fields:
            if isinstance(declared, ExactField) and declared.preferred_spelling:
                keys |= keys_boosted(document.doc_type, declared.boost)  # once per load
    return frozenset(keys)


def current() -> Lexicon:
    """The lexicon, loaded once per process and reloaded after a change."""
    now = time.monotonic()
    with _lock:
        lexicon = _state["lexicon"]
        if lexicon is not None and now - float(_state["checked"]) < CHECK_SECONDS:  # type: ignore[arg-type]
            return lexicon  # type: ignore[return-value]
        generation = _shared_generation()
        if lexicon is None or generation is None or generation != _state["generation"]:
            lexicon = _load()
            _state["lexicon"] = lexicon
            _state["generation"] = generation
        _state["checked"] = now
        return lexicon  # type: ignore[return-value]


def invalidate() -> None:
    """Drop this process's copy now; tell the others once the current transaction commits."""
    with _lock:
        _state["lexicon"] = None

    def bump() -> None:
        try:
            cache.set(_key(), uuid.uuid4().hex, timeout=None)
        except (ConnectionInterrupted, RedisError, OSError):
            logger.warning("search: cache unreachable; other processes reload within a check")

    transaction.on_commit(bump)
