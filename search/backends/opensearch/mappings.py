"""Pure builders of the OpenSearch index: analyzers, explicit mappings and synonym rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from search.documents import TIERS

FOLD = ["lowercase", "asciifolding"]


def synonym_rules(groups: Iterable[Sequence[str]]) -> list[str]:
    """One equivalence rule per group ("sma, proximal spinal muscular atrophy")."""
    rules = []
    for group in groups:
        # phrase_form already removed commas and "=>"; guard anyway so one bad rule can't fail the index.
        phrases = [p for p in group if p and "," not in p and "=>" not in p]
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return rules


def analysis_settings(rules: Sequence[str]) -> dict[str, Any]:
    """Analyzers: stemmed text (synonym_graph at search time only), edge n-grams, key normalizer."""
    return {
        "filter": {
            "possessive": {"type": "stemmer", "language": "possessive_english"},
            "english_stop": {"type": "stop", "stopwords": "_english_"},
            "english_stem": {"type": "stemmer", "language": "english"},
            "rarelabs_synonyms": {
                "type": "synonym_graph",
                "synonyms": list(rules) or ["rarelabs, rarelabs"],
                "lenient": True,
            },
            "prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
        },
        "analyzer": {
            "text_index": {
                "tokenizer": "standard",
                "filter": ["possessive", *FOLD, "english_stop", "english_stem"],
            },
            "text_search": {
                "tokenizer": "standard",
                "filter": [
                    "possessive",
                    *FOLD,
                    "english_stop",
                    "rarelabs_synonyms",
                    "english_stem",
                ],
            },
            "autocomplete_index": {"tokenizer": "standard", "filter": [*FOLD, "prefixes"]},
            "autocomplete_search": {"tokenizer": "standard", "filter": FOLD},
        },
        # Gene symbols, identifiers and HGVS keys: case and accents folded, punctuation kept.
        "normalizer": {"key_norm": {"type": "custom", "filter": FOLD}},
    }


def text_field() -> dict[str, Any]:
    return {"type": "text", "analyzer": "text_index", "search_analyzer": "text_search"}


def mappings(exact_boosts: Sequence[int], facet_names: Sequence[str]) -> dict[str, Any]:
    """Explicit mappings (dynamic: strict), from the document declarations' boosts and facets."""
    properties: dict[str, Any] = {
        "uid": {"type": "keyword"},
        "doc_type": {"type": "keyword"},
        "object_id": {"type": "long"},
        "curie": {"type": "keyword", "normalizer": "key_norm"},
        "title": text_field(),
        "title_norm": {"type": "keyword"},
        "title_len": {"type": "integer"},
        "url": {"type": "keyword", "index": False},
        "summary": {"type": "text", "analyzer": "text_index", "search_analyzer": "text_search"},
        "autocomplete": {
            "type": "text",
            "analyzer": "autocomplete_index",
            "search_analyzer": "autocomplete_search",
        },
        "extra": {"type": "object", "enabled": False},
        "rank": {"type": "float"},
        "facets": {
            "type": "object",
            "properties": {name: {"type": "keyword"} for name in facet_names},
        },
    }
    for tier, _floor in TIERS:
        properties[f"text_{tier}"] = text_field()
    for boost in exact_boosts:
        properties[f"exact_{boost}"] = {"type": "keyword", "normalizer": "key_norm"}
    return {"dynamic": "strict", "properties": properties}


def index_body(
    rules: Sequence[str], exact_boosts: Sequence[int], facet_names: Sequence[str]
) -> dict[str, Any]:
    """The whole create-index body."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "max_result_window": 10_000,
            "analysis": analysis_settings(rules),
        },
        "mappings": mappings(exact_boosts, facet_names),
    }
