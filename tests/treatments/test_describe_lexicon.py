"""The phrase table built from HPO names in the database: names that would mislead a family's
words are left out, lab findings are also read without their lab words (HPO 2025-01-16 rows)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from treatments.describe.lexicon import phrase_table_build
from treatments.describe.recognise import recognise

pytestmark = pytest.mark.django_db


def _read(text: str) -> list[str]:
    table = phrase_table_build(include_everyday=False)
    return [sign.hpo_id for sign in recognise(text, table)]


def test_a_vague_one_word_synonym_does_not_claim_the_word() -> None:
    """HPO's 'Slowness' (Lethargy) is not what 'slow to walk' means."""
    hpo_term_create("HP:0001254", "Lethargy", "Slowness", "Torpor")
    assert _read("he was slow to walk") == []
    assert _read("torpor and seizures") == ["HP:0001254"]


def test_a_synonym_that_loses_a_meaningful_word_is_left_out() -> None:
    """'Little body hair' minus the filler 'little' would read 'lots of body hair' as sparse."""
    hpo_term_create("HP:0002231", "Sparse body hair", "Little body hair")
    assert _read("lots of body hair") == []
    assert _read("sparse body hair") == ["HP:0002231"]


def test_a_lab_finding_is_also_read_without_its_lab_words() -> None:
    """'Elevated circulating creatine kinase concentration' is 'high creatine kinase'."""
    hpo_term_create("HP:0003236", "Elevated circulating creatine kinase concentration")
    assert _read("his creatine kinase is high") == ["HP:0003236"]


def test_a_term_that_qualifies_a_sign_is_not_a_sign() -> None:
    """'Central' (HP:0030645, under Clinical modifier) is not read from 'central vision'."""
    modifier = hpo_term_create("HP:0012823", "Clinical modifier")
    hpo_term_create("HP:0030645", "Central").parents.add(modifier)
    hpo_term_create("HP:0000603", "Central scotoma")
    assert _read("she is losing her central vision") == []
    assert _read("a central scotoma") == ["HP:0000603"]


def test_a_hyphenated_one_word_synonym_reads_only_as_one_word() -> None:
    """HPO's layperson 'Red-weak' (Protanomaly) is not 'her urine goes dark red and her arms
    feel weak'; 'she is red-weak' still reads it."""
    hpo_term_create("HP:0200018", "Protanomaly", "Red-weak")
    assert _read("her urine goes dark red and her arms feel weak") == []
    assert _read("she is red-weak") == ["HP:0200018"]


def test_a_curated_gerund_is_also_read_as_its_agent_noun() -> None:
    """'late walking' (Delayed ability to walk, curated) is what 'a late walker' means; the
    stemmer keeps 'walker' (Dandy-Walker), so the table carries the agent noun itself."""
    table = phrase_table_build(include_everyday=True)
    assert [sign.hpo_id for sign in recognise("late walker", table)] == ["HP:0031936"]
    assert [sign.hpo_id for sign in recognise("late walking", table)] == ["HP:0031936"]


def test_a_recurring_signs_name_without_its_qualifier_is_read_only_from_the_plural() -> None:
    """HPO's 'Recurrent ear infections' read as 'ear infections' says they recur: 'she had an
    ear infection last year' is not it (it was, after the curated rows had stopped)."""
    hpo_term_create("HP:0410018", "Recurrent ear infections")
    assert _read("she had an ear infection last year") == []
    assert _read("he keeps getting ear infections") == ["HP:0410018"]
    assert _read("recurrent ear infections") == ["HP:0410018"]
