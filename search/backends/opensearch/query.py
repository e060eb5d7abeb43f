"""Pure builders of OpenSearch request bodies and bulk actions (no client needed).

Over 400 lines: every clause of one request body is built here, beside the others it is weighed
against (keys, word lists, title likeness, paging), as PostgreSQL's are in one SQL builder."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from search.analysis import EXACT_SCALE, QueryAnalysis
from search.documents import TIERS, IndexedDoc, tier_for
from search.request import SearchRequest
from search.text import MARK_END, MARK_START, key_form, phrase_form

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
TITLE_WORDS_BOOST = 2.0  # the title's words shared with the query (see `_title_likeness`)
TITLE_SHARE_SCALE = 60.0  # the title's share of the query's letters, on PostgreSQL's TITLE_SCALE
SHARED_WORDS = "67%"  # of the words typed, a title holds this many to be given its share
# The title's letters in words shared with the query over the letters of both (a Jaccard index
# over letters), per document matched: close to PostgreSQL's trigram similarity of the title.
SHARED_LETTERS = """
if (doc['title_norm'].size() == 0) { return 0; }
Set seen = new HashSet();
int shared = 0;
int title = 0;
for (String w : doc['title_norm'].value.splitOnToken(' ')) {
  if (w.length() > 0 && seen.add(w)) {
    title += w.length();
    if (params.words.contains(w)) { shared += w.length(); }
  }
}
return params.scale * shared / (title + params.letters - shared);
"""
SORT = [{"_score": "desc"}, {"title_len": "asc"}, {"uid": "asc"}]


def document_source(doc: IndexedDoc) -> dict[str, Any]:
    """The `_source` of one document."""
    source: dict[str, Any] = {
        "uid": f"{doc.doc_type}:{doc.object_id}",
        "doc_type": doc.doc_type,
        "object_id": doc.object_id,
        "curie": doc.curie,
        "title": doc.title,
        "title_norm": phrase_form(doc.title),
        "title_len": len(doc.title),
        "url": doc.url,
        "summary": doc.summary[:20_000],
        "autocomplete": [*doc.autocomplete, doc.curie],
        "extra": doc.extra,
        "rank": doc.rank,
        "facets": {name: list(values) for name, values in doc.filters.items() if values},
    }
    texts: dict[str, list[str]] = {}
    for _name, text, boost in doc.texts:
        texts.setdefault(f"text_{tier_for(boost)}", []).append(text)
    source.update(texts)
    for _name, key, boost in doc.exact:
        source.setdefault(f"exact_{int(boost)}", []).append(key)
    return source


def index_action(index: str, doc: IndexedDoc) -> dict[str, Any]:
    """A bulk `index` action."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": f"{doc.doc_type}:{doc.object_id}",
        "_source": document_source(doc),
    }


def delete_action(index: str, doc_type: str, object_id: int) -> dict[str, Any]:
    """A bulk `delete` action."""
    return {"_op_type": "delete", "_index": index, "_id": f"{doc_type}:{object_id}"}


def _exact_clauses(analysis: QueryAnalysis, exact_boosts: Sequence[int]) -> list[dict[str, Any]]:
    """The best exact-key boost of a document, counted once (`dis_max`), as PostgreSQL takes
    the GREATEST of its keys' boosts.

    Summed, a gene holding several of an abbreviation's expansions among its aliases ("sma" ->
    "sma1", "sma2", "smn1": SMN1) outscored the condition whose abbreviation was typed (ORPHA:70).
    """
    clauses = []
    for boost in exact_boosts:
        field = f"exact_{boost}"
        for keys, weight in analysis.weighted_keys:
            clauses.append(
                {
                    "constant_score": {
                        "filter": {"terms": {field: list(keys)}},
                        "boost": boost * EXACT_SCALE * weight,
                    }
                }
            )
    return [{"dis_max": {"queries": clauses}}] if clauses else []


DIRECT = "direct"  # the aggregation counting the documents a key typed as such matched


def _direct_filter(analysis: QueryAnalysis, exact_boosts: Sequence[int]) -> dict[str, Any]:
    """Documents holding a key typed as such (not reached through a synonym or a part): a
    name or id typed exactly is never widened to any word, as on PostgreSQL."""
    keys = list(analysis.exact_keys)
    if not keys or not exact_boosts:
        return {"match_none": {}}
    return {"bool": {"should": [{"terms": {f"exact_{boost}": keys}} for boost in exact_boosts]}}


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
            }
        }
        for terms in term_lists
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
                    "boost": SPREAD_WORDS_BOOST,
                }
            }
            for terms in term_lists
        )
    if any_word:  # documents with every word still come first
        all_words.extend(
            {
                "multi_match": {
                    "query": " ".join(t),
                    "fields": TEXT_FIELDS,
                    "operator": "and",
                    "boost": 2,
                    "analyzer": PLAIN_ANALYZER,
                }
            }
            for t in term_lists
        )
    phrase = phrase_form(analysis.corrected or analysis.raw)
    # A title is a name: a phrase of a sentence's length never matches one. Matched as
    # written too: through the graph, "sma" matched the title "SMN1: survival of motor
    # neuron 1" as a phrase.
    if phrase and len(phrase.split()) <= MAX_TITLE_WORDS and not plain:
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


def encode_cursor(sort_values: Sequence[Any]) -> str:
    """An opaque search_after cursor."""
    return base64.urlsafe_b64encode(json.dumps(list(sort_values)).encode()).decode()


def decode_cursor(cursor: str) -> list[Any] | None:
    """The search_after values of a cursor; None if it is not one of ours."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) and len(values) == len(SORT) else None


def _type_filter(request: SearchRequest) -> dict[str, Any]:
    if request.doc_types:
        return {"terms": {"doc_type": list(request.doc_types)}}
    return {"match_all": {}}


def _matched(
    request: SearchRequest,
    analysis: QueryAnalysis,
    exact_boosts: Sequence[int],
    groups: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]],
    more_filters: list[dict[str, Any]],
) -> dict[str, Any]:
    """What a search matches and scores: an exact key or the text, within the facet filters."""
    filters = [
        {"terms": {f"facets.{name}": list(values)}}
        for name, values in sorted(request.filters.items())
    ]
    return {
        "bool": {
            "should": [*_exact_clauses(analysis, exact_boosts), *text_query(groups)],
            "minimum_should_match": 1,
            "filter": [*filters, *more_filters],
        }
    }


def matching_body(
    request: SearchRequest,
    analysis: QueryAnalysis,
    exact_boosts: Sequence[int],
    ids: Sequence[str],
    any_word: bool = False,
    plain: bool = False,
) -> dict[str, Any]:
    """Which of the documents `ids` name the search matches (its words, keys, types and
    filters), unscored."""
    groups = text_groups(analysis, any_word, plain)
    only = [{"terms": {"curie": list(ids)}}, _type_filter(request)]
    return {
        "query": _matched(request, analysis, exact_boosts, groups, only),
        "size": len(ids),
        "sort": [{"rank": "desc"}, {"uid": "asc"}],
        "_source": ["doc_type", "curie", "title", "url", "extra", "rank"],
    }


def _title_likeness(analysis: QueryAnalysis, plain: bool) -> list[dict[str, Any]]:
    """How alike the title and the query are: scored, never matched (`should`s beside the
    match), as PostgreSQL adds the title's trigram likeness to its candidates.

    The title's words shared with the query (BM25, normalised by the title's length): without
    it the bare DECIPHER entry, one short name, outranked Orphanet's ("charcot marie tooth type
    1a"), and "Duchenne and Becker muscular dystrophy" the Duchenne entry for "duchenne
    disease". And the share of both's letters the shared words hold (`SHARED_LETTERS`): BM25
    hardly tells a title that is the query's words from a longer one holding them, which
    trigram likeness does, so BM25's length norm over names decided instead, and favoured the
    entry with fewer synonyms: "batten disease cln2" put the three CLN2 disease subtypes
    ("Juvenile CLN2 disease", one synonym each) before CLN2 disease (four synonyms), and
    "alpha-galactosidase a" a therapy of a six-word title before the gene "GLA: galactosidase
    alpha". A script per document whose title holds two thirds of the words (painless, a few
    string splits).
    """
    phrase = phrase_form(analysis.corrected or analysis.raw)
    if plain or not phrase or len(phrase.split()) > MAX_TITLE_WORDS:
        return []
    title = {"query": phrase, "analyzer": PLAIN_ANALYZER, "boost": TITLE_WORDS_BOOST}
    matched = {"query": phrase, "analyzer": PLAIN_ANALYZER}
    words = sorted(set(phrase.split()))
    params = {"words": words, "letters": sum(map(len, words)), "scale": TITLE_SHARE_SCALE}
    shared = {
        "script_score": {
            # Only titles holding two thirds of the words typed: a widened query's common word
            # ("disease") matched thousands of titles, each a script run, for a share of 1/3.
            "query": {"match": {"title": {**matched, "minimum_should_match": SHARED_WORDS}}},
            "script": {"source": SHARED_LETTERS, "params": params},
        }
    }
    return [{"match": {"title": title}}, shared]


def search_body(
    request: SearchRequest,
    analysis: QueryAnalysis,
    exact_boosts: Sequence[int],
    facet_names: Sequence[str],
    any_word: bool = False,
    plain: bool = False,
) -> dict[str, Any]:
    """Ranked hits (exact keys first), facet aggregations, highlight and paging."""
    groups = text_groups(analysis, any_word, plain)
    texts = [clause for group in groups for clause in group]  # the highlighter reads them all
    type_filter = _type_filter(request)
    query = {
        "function_score": {
            "query": {
                "bool": {
                    "must": [_matched(request, analysis, exact_boosts, groups, [])],
                    "should": _title_likeness(analysis, plain),
                }
            },
            "field_value_factor": {"field": "rank", "missing": 1.0},
            "boost_mode": "multiply",
        }
    }
    body: dict[str, Any] = {
        "query": query,
        "post_filter": type_filter,
        "size": request.page_size,
        "sort": SORT,
        "track_total_hits": True,
        "_source": ["doc_type", "curie", "title", "url", "extra", "rank"],
        "aggs": {
            "type": {"terms": {"field": "doc_type", "size": 20}},
            DIRECT: {"filter": _direct_filter(analysis, exact_boosts)},
            "filtered": {
                "filter": type_filter,
                "aggs": {
                    name: {"terms": {"field": f"facets.{name}", "size": 30}} for name in facet_names
                },
            },
        },
        "highlight": {
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            "require_field_match": False,
            "highlight_query": {"bool": {"should": texts or [{"match_none": {}}]}},
            "fields": {
                "summary": {"number_of_fragments": 2, "fragment_size": 160, "no_match_size": 200},
                "title": {"number_of_fragments": 0},
            },
        },
    }
    after = decode_cursor(request.cursor) if request.cursor else None
    if after is not None:
        body["search_after"] = after
    else:
        body["from"] = request.offset
    return body


def autocomplete_body(
    prefix: str, doc_types: Sequence[str], limit: int, exact_boosts: Sequence[int] = ()
) -> dict[str, Any]:
    """Edge n-gram match on every word; a whole name or abbreviation typed ("sma") first, by
    its exact-key boost, then names that start with the text."""
    filters = [{"terms": {"doc_type": list(doc_types)}}] if doc_types else []
    key = key_form(prefix)
    whole = [
        {"constant_score": {"filter": {"term": {f"exact_{boost}": key}}, "boost": boost * 1000}}
        for boost in exact_boosts
    ]
    return {
        "size": limit,
        "_source": ["doc_type", "curie", "title", "url"],
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "bool": {
                                    "should": [
                                        {
                                            "match": {
                                                "autocomplete": {"query": prefix, "operator": "and"}
                                            }
                                        },
                                        *whole,
                                    ]
                                }
                            }
                        ],
                        "should": [
                            {
                                "prefix": {
                                    "title_norm": {"value": phrase_form(prefix), "boost": 100}
                                }
                            },
                            *whole,
                        ],
                        "filter": filters,
                    }
                },
                "field_value_factor": {"field": "rank", "missing": 1.0},
                "boost_mode": "multiply",
            }
        },
        "sort": SORT,
    }
