"""A phrase table rebuilt from the same knowledge (after a load; in tests, once per test) stems
each name once per process, and is the table a first build makes."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from treatments.describe import lexicon

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
