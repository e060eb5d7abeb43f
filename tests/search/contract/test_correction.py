"""Did-you-mean and autocomplete know the domain: eponyms and described signs are never
rewritten; a condition abbreviation typed whole is suggested before gene-symbol prefixes."""

from __future__ import annotations

import pytest

from search.query import run_search
from search.request import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "Pompe disease",
        "is there a treatment for pompe disease",
        "Batten disease",
        "batten's disease",
        "Pompe",
        "my baby has floppy muscles and can't hold his head up",
        "seizures in hot bath and no speech",
    ],
)
def test_eponyms_and_descriptions_get_no_did_you_mean(backend: str, query: str) -> None:
    assert run_search(SearchRequest(query=query)).did_you_mean is None


def test_a_real_typo_is_still_corrected(backend: str) -> None:
    # Shown as the condition's name is written (it was "cystic fibrosis").
    assert run_search(SearchRequest(query="cystic fibrossis")).did_you_mean == "Cystic fibrosis"


def test_autocomplete_puts_a_condition_abbreviation_before_gene_prefixes(backend: str) -> None:
    from search.query import run_autocomplete

    suggestions = run_autocomplete("sma", limit=5)
    assert suggestions[0].id == "ORPHA:70"  # "SMA": Proximal spinal muscular atrophy
    assert run_autocomplete("smn", limit=5)[0].id in {"SMN1", "SMN2"}


def test_a_name_typed_as_two_words_is_joined_not_bent_into_another_name(backend: str) -> None:
    # "san filippo": "filippo" alone is one edit from "filippi" (Filippi syndrome, another
    # disease); joined, it is the eponym Orphanet lists for mucopolysaccharidosis type 3.
    from search.indexer import index_objects
    from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory

    mps3 = ConditionFactory(primary_id="ORPHA:581", name="Mucopolysaccharidosis type 3")
    ConditionSynonymFactory(condition=mps3, text="Sanfilippo syndrome")
    filippi = ConditionFactory(primary_id="ORPHA:3255", name="Filippi syndrome")
    try:
        index_objects("condition", [mps3.pk, filippi.pk])
        result = run_search(SearchRequest(query="san filippo"))
        assert result.did_you_mean == "sanfilippo"
        assert result.hits[0].id == "ORPHA:581"
    finally:
        ids = [mps3.pk, filippi.pk]
        mps3.delete()
        filippi.delete()
        index_objects("condition", ids)


def test_a_typo_before_a_generic_protein_is_still_corrected(backend: str) -> None:
    # "<name> protein" is also searched without "protein"; that reading must not switch the
    # correction off, as it did when it shared a name with the "typed an identifier" flag.
    proposal = run_search(SearchRequest(query="cystic fibrossis protein")).did_you_mean
    assert proposal is not None
    assert "fibrosis" in proposal.lower()
