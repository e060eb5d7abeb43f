"""Counts every backend must get right: each type's count is the number of its documents the
query finds (counted here by paging through every hit), choosing a type answers that count, and
counts under the cap never claim to be lower bounds."""

from __future__ import annotations

from collections import Counter

import pytest

from search.query import run_search
from search.request import MAX_PAGE_SIZE, SearchRequest, SearchResponse

pytestmark = pytest.mark.django_db

BROAD = ("muscular", "spinal muscular atrophy", "dystrophin")


def _all_hits(query: str, **kwargs) -> Counter[str]:
    """Documents per type found by reading every page: a count independent of the facets."""
    found: Counter[str] = Counter()
    page = 1
    while True:
        response = run_search(
            SearchRequest(query=query, page=page, page_size=MAX_PAGE_SIZE, **kwargs)
        )
        found.update(hit.doc_type for hit in response.hits)
        if page >= response.pages:
            return found
        page += 1


def _types(response: SearchResponse) -> dict[str, int]:
    return dict(response.facets["type"])


@pytest.mark.parametrize("query", BROAD)
def test_type_counts_equal_the_documents_found_of_each_type(backend: str, query: str) -> None:
    response = run_search(SearchRequest(query=query))
    assert len(_types(response)) >= 2, "a broad query: several types match"
    assert _types(response) == dict(_all_hits(query))
    assert response.total == sum(_types(response).values())
    assert not response.total_is_lower_bound
    assert response.facet_lower_bounds == frozenset()


@pytest.mark.parametrize("query", BROAD)
def test_choosing_a_type_answers_its_count_never_zero(backend: str, query: str) -> None:
    broad = _types(run_search(SearchRequest(query=query)))
    for doc_type, count in broad.items():
        chosen = run_search(SearchRequest(query=query, doc_types=(doc_type,)))
        assert chosen.total == count > 0
        assert {hit.doc_type for hit in chosen.hits} == {doc_type}
        assert _types(chosen) == broad  # the type counts ignore the chosen type
