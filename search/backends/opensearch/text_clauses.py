"""The text clauses of a search: the words as typed and each alternative, matched over the
names' tiers, and the title phrase (`search_body` weighs them beside the exact keys)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from search.analysis import QueryAnalysis
from search.documents import TIERS
from search.text import phrase_form

TIER_BOOST = {"a": 8, "b": 4, "c": 2, "d": 1}
TEXT_FIELDS = [f"text_{tier}^{TIER_BOOST[tier]}" for tier, _floor in TIERS]
# The exact keys (boost x EXACT_SCALE x weight, 200-1,000) must dwarf the text, as PostgreSQL's
# text rank does (0-100). BM25 over the tier-boosted fields reached 170-280 for a name's words:
# "pah gene" put pulmonary arterial hypertension (a synonym's key at half weight, 400, plus its
# words) before the conditions PAH causes (their ids, 500), and "VHL mutation" put the disease
# (a synonym, 500) before the gene typed (its symbol, 600). Halved, the text orders matches as
# before and no longer outweighs a key's tier.
TEXT_WEIGHT = 0.5
TITLE_PHRASE_BOOST = 3
SPREAD_WORDS_BOOST = 0.1  # every word typed, in different fields (see `text_groups`)
# Word x field pairs the text clauses may spend. Each becomes a term clause: a parent's 25-word
# description with eight alternatives passed OpenSearch's 1,024-clause limit (a 500) when the
# search-time synonym graph still multiplied them. Past the budget, later alternatives are left out.
CLAUSE_BUDGET = 320
MAX_TITLE_WORDS = 16
PLAIN_ANALYZER = "text_index"  # the index-time analyzer: no synonym graph (see `text_groups`)


def _spread(analysis: QueryAnalysis, any_word: bool) -> bool:
    """Are a name's words also matched spread over fields (`text_groups`)? Not a sentence's:
    the clauses would double, and its keys and parts find what it names."""
    return not any_word and len(analysis.phrase.split()) <= MAX_TITLE_WORDS


def _term_lists(
    analysis: QueryAnalysis, any_word: bool, plain: bool = False
) -> list[tuple[str, ...]]:
    """The word lists to match: as typed first, then alternatives while the budget lasts."""
    per_word = len(TEXT_FIELDS) * (2 if any_word or _spread(analysis, any_word) else 1)
    kept: list[tuple[str, ...]] = []
    spent = 0
    lists = analysis.all_term_lists[:1] if plain else analysis.all_term_lists
    for listed in lists:
        terms = tuple(dict.fromkeys(listed))[: CLAUSE_BUDGET // per_word]
        cost = len(terms) * per_word
        if kept and spent + cost > CLAUSE_BUDGET:
            break
        kept.append(terms)
        spent += cost
    return kept


def _list_weights(term_lists: Sequence[tuple[str, ...]]) -> list[float]:
    """Each word list's weight: an alternative counts at most as many words as were typed.

    BM25 adds up the words a list matches, and an abbreviation or a name expands to names of
    any length: the entry holding the longer one came first on OpenSearch only (PostgreSQL's
    ts_rank hardly counts them). "cgd" put OMIM's "Chronic granulomatous disease, X-linked" (its
    five words) before Orphanet's "Chronic granulomatous disease" (three), "fabrazyme" the FDA
    list's "ceramide trihexosidase/alpha-galactosidase A" before "agalsidase beta", and
    "homocystinuria" the sign whose everyday name is "high urine homocystine levels" before
    the disease. Weighed so, each entry scores by the name it matched, not by its length.
    """
    if not term_lists:
        return []
    typed = len(term_lists[0])
    return [1.0, *(min(1.0, typed / len(terms)) for terms in term_lists[1:])]


def text_groups(
    analysis: QueryAnalysis, any_word: bool = False, plain: bool = False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The text clauses in three groups: one multi_match per word list (the words as typed,
    then each alternative), the all-words clauses after widening, and the title phrase.

    Every list is matched as written, with the index-time analyzer: the synonyms are the
    analysis's alternatives and a misspelling its correction, as PostgreSQL reads them, not
    the search-time synonym graph again nor a fuzzy match. `plain` is the bounded retry: the
    words as typed alone.
    """
    lists, all_words, phrases = [], [], []
    term_lists = _term_lists(analysis, any_word, plain)
    weights = _list_weights(term_lists)
    # The synonym graph expanded the words as typed a second time, and a phrase's expansions
    # add up within one clause: "sma" -> "sma1", "sma2", "smn1", "bcd541"... scored the gene
    # SMN1, whose aliases hold them all, above ORPHA:70, whose abbreviation was typed (an
    # alternative was already matched as written: "spinal muscular atrophy" -> "... muscle
    # wasting", "... muscle degeneration", a phenotype naming all three outscored ORPHA:70).
    # Nor fuzzy: the analysis corrects a word it does not know; a fuzzy "rett" also matched
    # "rtt" (ORPHA:3095's "atypical RTT"), so "rett syndrom" answered "Atypical Rett syndrome"
    # before ORPHA:778, and a fuzzy "smn1" matched "smn2".
    lists.extend(
        {
            "multi_match": {
                "query": " ".join(terms),
                "fields": TEXT_FIELDS,
                "type": "best_fields",
                "operator": "or" if any_word else "and",
                "analyzer": PLAIN_ANALYZER,
                "boost": weight,
            }
        }
        for terms, weight in zip(term_lists, weights, strict=True)
    )
    if _spread(analysis, any_word):
        # Every word in some field, as PostgreSQL's tsquery matches the whole document: in one
        # field only (best_fields), "duchenne disease" missed Duchenne muscular dystrophy
        # ("disease" is in its signs' names). Weighed far below a field holding every word, so
        # inside the `dis_max` it decides only documents whose words are spread over fields.
        lists.extend(
            {
                "multi_match": {
                    "query": " ".join(terms),
                    "fields": TEXT_FIELDS,
                    "type": "cross_fields",
                    "operator": "and",
                    "analyzer": PLAIN_ANALYZER,
                    "boost": SPREAD_WORDS_BOOST * weight,
                }
            }
            for terms, weight in zip(term_lists, weights, strict=True)
        )
    if any_word:  # documents with every word still come first
        all_words.extend(
            {
                "multi_match": {
                    "query": " ".join(t),
                    "fields": TEXT_FIELDS,
                    "operator": "and",
                    "boost": 2 * weight,
                    "analyzer": PLAIN_ANALYZER,
                }
            }
            for t, weight in zip(term_lists, weights, strict=True)
        )
    phrase = phrase_form(analysis.corrected or analysis.raw)
    # A title is a name: a phrase of a sentence's length never matches one. Matched as
    # written too: through the graph, "sma" matched the title "SMN1: survival of motor
    # neuron 1" as a phrase.
    # One word typed: a title holding it is scored by its likeness alone (`title_likeness`).
    if phrase and 1 < len(phrase.split()) <= MAX_TITLE_WORDS and not plain:
        boost = TITLE_PHRASE_BOOST * TEXT_WEIGHT
        phrases.append(
            {
                "match_phrase": {
                    "title": {"query": phrase, "boost": boost, "analyzer": PLAIN_ANALYZER}
                }
            }
        )
    return lists, all_words, phrases


def text_clauses(
    analysis: QueryAnalysis, any_word: bool = False, plain: bool = False
) -> list[dict[str, Any]]:
    """Every text clause of `text_groups`, in one list (the highlighter reads them)."""
    lists, all_words, phrases = text_groups(analysis, any_word, plain)
    return [*lists, *all_words, *phrases]


def text_query(
    groups: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The scoring text clauses of `text_groups`: the word lists and the all-words lists each
    count once, by their best match (`dis_max`), as PostgreSQL ORs them in one tsquery and
    ranks it once.

    Summed, a document matching several alternatives of one abbreviation ("sma" -> "sma1",
    "sma2", "proximal spinal muscular atrophy") outscored the condition the key names.
    """
    lists, all_words, phrases = groups
    clauses = [
        {"dis_max": {"queries": group, "boost": TEXT_WEIGHT}}
        for group in (lists, all_words)
        if group
    ]
    return [*clauses, *phrases]
