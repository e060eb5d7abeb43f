"""Query understanding, shared by both backends: identifiers, variants, synonyms and spelling.

The output is a `QueryAnalysis`: exact keys to match whole (ranked first), the content words,
alternative word lists (synonym expansions and spelling corrections) and a "did you mean".
Keys found through a synonym or a spelling correction count for half.
Synonyms and the spelling lexicon are tables filled at rebuild time from the database.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import connection

from knowledge.hgvs import VariantParseError, parse_variant
from knowledge.identifiers import IdentifierKind, find_identifiers, parse_identifier
from search.text import STOPWORDS, content_words, edit_distance, key_form, phrase_form, words

logger = logging.getLogger(__name__)

MAX_NGRAM = 5
MAX_ALTERNATIVES = 8
EXPANDED_KEY_WEIGHT = 0.5  # a key reached through a synonym or correction counts for half
EXACT_SCALE = 10.0  # exact boosts (20-100) times this dwarf any text score (0-100)
_VARIANT_HINT = re.compile(
    r"(?i)(^|[\s:(])([cgpnmr]\.|rs\d|ex(on)?\s*\d)|\d[ACGT]>|del|dup|ins|fs\b"
)
_PADDED = (IdentifierKind.HPO, IdentifierKind.MONDO, IdentifierKind.GARD)


@dataclass(frozen=True)
class QueryAnalysis:
    """What a query means, in terms both backends can match."""

    raw: str
    phrase: str
    terms: tuple[str, ...]
    exact_keys: tuple[str, ...]
    expanded_keys: tuple[str, ...] = ()  # from synonyms and spelling: they rank below direct keys
    alternatives: tuple[tuple[str, ...], ...] = ()
    identifier: str | None = None
    variant: str | None = None
    corrected: str | None = None

    @property
    def all_term_lists(self) -> tuple[tuple[str, ...], ...]:
        """The words as typed, then each alternative (for OR-ing in the engines)."""
        lists = (self.terms, *self.alternatives) if self.terms else self.alternatives
        return tuple(dict.fromkeys(t for t in lists if t))


def analyze(query: str) -> QueryAnalysis:
    """Understand a cleaned query (see `request.clean_query`)."""
    keys: list[str] = [key_form(query), phrase_form(query)]
    identifier = _identifier(query)
    if identifier is not None:
        keys.extend(_identifier_keys(identifier.kind, identifier.value, identifier.curie))
    variant = _variant(query)
    if variant is not None:
        keys.extend(key_form(k) for k in variant[1])
    terms = tuple(content_words(query))
    expansions = synonym_expansions(query)
    expanded = [phrase_form(alt) for alt in expansions]
    alternatives = [tuple(content_words(alt)) for alt in expansions]
    corrected = None
    if identifier is None and variant is None:
        corrected = spelling_correction(query)
        if corrected:
            alternatives.append(tuple(content_words(corrected)))
            expanded.append(phrase_form(corrected))
    return QueryAnalysis(
        raw=query,
        phrase=phrase_form(query),
        terms=terms,
        exact_keys=tuple(dict.fromkeys(k for k in keys if k)),
        expanded_keys=tuple(dict.fromkeys(k for k in expanded if k and k not in keys)),
        alternatives=tuple(dict.fromkeys(a for a in alternatives if a and a != terms))[
            :MAX_ALTERNATIVES
        ],
        identifier=identifier.curie if identifier else None,
        variant=variant[0] if variant else None,
        corrected=corrected,
    )


def _identifier(query: str):  # -> Identifier | None
    ident = parse_identifier(query)
    if ident is not None:
        return ident
    found = find_identifiers(query)
    return found[0] if len(found) == 1 else None


def _identifier_keys(kind: IdentifierKind, value: str, curie: str) -> list[str]:
    keys = [key_form(curie)]
    if kind in _PADDED:
        keys.append(key_form(f"{kind.value}:{int(value)}"))
    if kind is IdentifierKind.CLINVAR:
        keys.append(f"clinvar:{int(value)}")
    return keys


def _variant(query: str) -> tuple[str, tuple[str, ...]] | None:
    if not _VARIANT_HINT.search(query):
        return None
    try:
        description = parse_variant(query)
    except VariantParseError:
        return None
    return description.normalized, description.search_keys


def _ngrams(tokens: list[str]) -> dict[str, tuple[int, int]]:
    grams: dict[str, tuple[int, int]] = {}
    for size in range(min(MAX_NGRAM, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            grams.setdefault(" ".join(tokens[start : start + size]), (start, start + size))
    return grams


def synonym_expansions(query: str) -> list[str]:
    """The query with a phrase swapped for each of its known synonyms (longest phrases first)."""
    tokens = words(query)
    if not tokens:
        return []
    grams = _ngrams(tokens)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, expansion FROM search_searchsynonym WHERE term = ANY(%s) "
            "ORDER BY length(term) DESC, expansion LIMIT 40",
            [list(grams)],
        )
        rows = cursor.fetchall()
    expansions: list[str] = []
    for term, expansion in rows:
        start, end = grams[term]
        expansions.append(" ".join([*tokens[:start], expansion, *tokens[end:]]))
    return list(dict.fromkeys(expansions))[:MAX_ALTERNATIVES]


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def spelling_correction(query: str) -> str | None:
    """The query with unknown words replaced by the closest indexed word; None if all are known."""
    tokens = words(query)
    candidates = [t for t in tokens if len(t) >= 4 and t.isalpha() and t not in STOPWORDS]
    if not candidates:
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_searchterm WHERE term = ANY(%s)", [candidates])
        known = {row[0] for row in cursor.fetchall()}
        replacements: dict[str, str] = {}
        for word in candidates:
            if word in known or _plural_known(word, known, cursor):
                continue
            best = _closest(word, cursor)
            if best:
                replacements[word] = best
    if not replacements:
        return None
    return " ".join(replacements.get(t, t) for t in tokens)


def _plural_known(word: str, known: set[str], cursor) -> bool:
    forms = [word[:-1]] if word.endswith("s") else [word + "s"]
    cursor.execute("SELECT 1 FROM search_searchterm WHERE term = ANY(%s) LIMIT 1", [forms])
    return cursor.fetchone() is not None


def _closest(word: str, cursor) -> str | None:
    # pg_trgm narrows the lexicon; the edit distance decides (one or two edits, swaps count once).
    cursor.execute(
        "SELECT term, frequency FROM search_searchterm "
        "WHERE term %% %s ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT 12",
        [word, word],
    )
    limit = _max_edits(word)
    scored = [
        (edit_distance(word, term, limit + 1), -frequency, term)
        for term, frequency in cursor.fetchall()
    ]
    scored = [item for item in scored if item[0] <= limit]
    return min(scored)[2] if scored else None
