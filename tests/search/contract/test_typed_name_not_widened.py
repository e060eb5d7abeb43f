"""A name typed exactly is answered by what it names, never widened to any of its words, on
both backends.

A query of three words or more that matches fewer than five documents is retried with any
word (a misspelt long name, a parent's sentence); a name or id typed exactly stops that, as
the documents it names are the answer. PostgreSQL counted those direct hits; OpenSearch did
not, so once its search-time synonym graph no longer added matches, "Werdnig-Hoffmann
disease" (an eponym of ORPHA:83330 in the Orphanet ORPHApackets, in the contract data) was
widened and answered every document holding "disease" (issue 17).
"""

from __future__ import annotations

import pytest

from search.query import run_search
from search.request import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Werdnig-Hoffmann disease", "werdnig hoffmann disease"])
def test_an_eponym_typed_whole_is_not_widened(backend: str, query: str) -> None:
    response = run_search(SearchRequest(query=query))
    ids = [hit.id for hit in response.hits]
    assert ids[0] == "ORPHA:83330", ids
    # HGNC lists the disease among SMN1's other names; nothing else names it.
    assert sorted(ids) == ["ORPHA:83330", "SMN1"], ids
    assert response.total == 2
