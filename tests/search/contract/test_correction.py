"""Did-you-mean knows the domain: eponyms and described signs are never rewritten."""

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
    assert run_search(SearchRequest(query="cystic fibrossis")).did_you_mean == "cystic fibrosis"
