"""The words of a search as PostgreSQL reads them: tsquery strings, the match condition over
the vector and the exact keys, and the exact-key boost (`query` and `counts` build on them).

Words reach SQL only as bound parameters, and tsquery strings are built from [a-z0-9] words,
so no query text can break the tsquery syntax or the SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.analysis import QueryAnalysis
from search.keys import TEXT_CONFIG
from search.text import phrase_form, words

CONFIG = TEXT_CONFIG
SIMPLE_CONFIG = "rarelabs_simple"
MAX_KEYS = 12  # exact keys looked up per row


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


def match_condition(column: str = "vector") -> str:
    """A row matches by its words (`q.tsq`) or by any exact key typed or reached."""
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
