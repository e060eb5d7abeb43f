"""A phrase table or condition words rebuilt from the same knowledge (after a load; in tests,
once per test) stem each text once per process, and equal what a first build makes."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from treatments.describe import evidence, lexicon
from treatments.describe.evidence import condition_words_build
from treatments.phenotypes import phenotype_index_get

pytestmark = pytest.mark.django_db


def test_a_rebuild_reuses_the_stems_of_names_it_read_before_and_reads_the_same() -> None:
    hpo_term_create("HP:0001254", "Lethargy", "Slowness", "Torpor")
    hpo_term_create("HP:0002231", "Sparse body hair", "Little body hair")
    first = lexicon.phrase_table_build(include_everyday=False)
    stemmed = lexicon._stems_of.cache_info()
    second = lexicon.phrase_table_build(include_everyday=False)
    again = lexicon._stems_of.cache_info()
    assert again.misses == stemmed.misses  # every name's stems came from the first build
    assert again.hits > stemmed.hits
    assert second.phrases == first.phrases
    assert {p.hpo_id for p in second.phrases} == {"HP:0001254", "HP:0002231"}


def test_the_condition_words_rebuilt_reuse_the_stems_read_before_and_hold_the_same_postings(
    kb: dict,
) -> None:
    index = phenotype_index_get()
    first = condition_words_build(index)
    stemmed = evidence._stems.cache_info()
    second = condition_words_build(index)
    assert evidence._stems.cache_info().misses == stemmed.misses
    assert second.idf == first.idf
    assert second.postings.keys() == first.postings.keys()
    for field, postings in first.postings.items():
        assert postings.keys() == second.postings[field].keys()
        assert all((second.postings[field][s] == v).all() for s, v in postings.items())
    assert first.postings["signs"]  # the 40 packets' signs' words were read
