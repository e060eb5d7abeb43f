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
# The words the text configuration's dictionary (english_stem) drops from a tsquery: PostgreSQL's
# english.stop. A group of only these would vanish from the query, so nothing is factored then.
POSTGRES_STOPWORDS = frozenset(
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
        "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
        "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
        "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by",
        "for", "with", "about", "against", "between", "into", "through", "during", "before",
        "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over",
        "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
        "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
        "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will",
        "just", "don", "should", "now",
    }
)  # fmt: skip


def tsquery_all(term_lists: Sequence[Sequence[str]]) -> str:
    """Each word list AND-ed, the lists OR-ed: "(duchenne & dystrophy) | (dmd)"."""
    groups = [" & ".join(terms) for terms in term_lists if terms]
    return " | ".join(f"({group})" for group in groups)


def tsquery_match(term_lists: Sequence[Sequence[str]]) -> str:
    """`tsquery_all` with the words every list shares taken out, for matching only:
    "(extra & toes & sac) | (extra & toes & saci)" -> "extra & toes & (sac | saci)".

    The same rows match, but the GIN index reads it ~25x faster: a description read as nine
    words with six spellings of one of them took 83 ms to match at 200k documents, 3 ms
    factored. Ranking keeps `tsquery_all` (ts_rank scores OR- and AND-topped queries apart).
    """
    groups = [tuple(dict.fromkeys(terms)) for terms in term_lists if terms]
    return _factored(list(dict.fromkeys(groups))) if groups else ""


def _factored(groups: list[tuple[str, ...]]) -> str:
    if len(groups) == 1:
        return " & ".join(groups[0])
    flat = " | ".join(f"({' & '.join(group)})" for group in groups)
    common = [term for term in groups[0] if all(term in group for group in groups[1:])]
    rests = [tuple(term for term in group if term not in common) for group in groups]
    # Unless PostgreSQL reads the two forms alike: a part of only stopwords is dropped from
    # the query, which would change what an AND or an OR around it means.
    if not common or all(term in POSTGRES_STOPWORDS for term in common):
        return flat
    if any(all(term in POSTGRES_STOPWORDS for term in rest) for rest in rests if rest):
        return flat
    if not all(rests):  # one list is the shared words alone: the others add nothing
        return " & ".join(common)
    return f"{' & '.join(common)} & ({_factored(list(dict.fromkeys(rests)))})"


def tsquery_any(term_lists: Sequence[Sequence[str]]) -> str:
    """Any word of any list: the fallback for long everyday sentences."""
    unique = dict.fromkeys(term for terms in term_lists for term in terms)
    return " | ".join(unique)


def prefix_tsquery(prefix: str) -> str:
    """ "spinal musc" -> "spinal:* & musc:*" (every word a prefix)."""
    return " & ".join(f"{word}:*" for word in words(prefix))


def match_params(analysis: QueryAnalysis, tsquery: str) -> dict[str, Any]:
    """Parameters shared by the page and stats queries."""
    lists = analysis.all_term_lists
    all_words = tsquery_all(lists)
    return {
        "tsq": tsquery,
        # what rows match: the factored form of the all-words query (the same rows, faster)
        "tsm": tsquery_match(lists) if tsquery == all_words else tsquery,
        "tsq_all": all_words,
        "phrase": phrase_form(analysis.corrected or analysis.raw),
        "keys": list(analysis.exact_keys) or [""],
        # every key reached otherwise (synonym, spelling, tie, part of a sentence): they match too
        "xkeys": list(analysis.reached_keys) or [""],
    }


def match_condition(column: str = "vector") -> str:
    """A row matches by its words (`q.tsm`) or by any exact key typed or reached."""
    return f"(e.{column} @@ q.tsm OR e.exact ?| %(keys)s::text[] OR e.exact ?| %(xkeys)s::text[])"


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
