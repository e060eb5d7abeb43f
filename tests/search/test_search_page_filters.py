"""The /search page keeps filters in paging and facet links and shows facets in plain words."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from search.indexer import rebuild
from tests.factories.knowledge import ConditionFactory, GeneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_conditions(settings) -> None:
    settings.SEARCH_BACKEND = "search.backends.postgres.backend.PostgresBackend"
    settings.OPENSEARCH_URL = ""
    # Test rows, not medical content: enough "muscular" conditions for a second page.
    for n in range(25):
        ConditionFactory(
            name=f"Muscular test condition {n}",
            inheritance=["x_linked_recessive"],
            is_group=n == 0,
        )
    GeneFactory(symbol="TGMUS", name="muscular test gene")
    rebuild(progress=False)


def _links(body: str, rel: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(rf'rel="{rel}" href="([^"]+)"', body)]


def test_next_page_link_keeps_type_and_facet_filters(client: Client, many_conditions) -> None:
    body = client.get(
        "/search", {"q": "muscular", "type": "condition", "inheritance": "x_linked_recessive"}
    ).content.decode()
    [next_url] = _links(body, "next")
    assert "type=condition" in next_url
    assert "inheritance=x_linked_recessive" in next_url
    assert "page=2" in next_url
    page_two = client.get("/search" + next_url).content.decode()
    assert "TGMUS" not in page_two  # still filtered to conditions
    [prev_url] = _links(page_two, "prev")
    assert "type=condition" in prev_url
    assert "page=1" in prev_url


def test_facets_show_human_labels_and_keep_other_filters(client: Client, many_conditions) -> None:
    body = html.unescape(
        client.get("/search", {"q": "muscular", "type": "condition"}).content.decode()
    )
    assert "X-linked recessive" in body
    assert ">x_linked_recessive<" not in body
    assert "Group of conditions" in body
    assert "Is_group" not in body
    assert re.search(r">Yes</a> \(1\)", body)
    assert re.search(r">No</a> \(24\)", body)
    facet_link = re.search(r'href="(\?[^"]*inheritance=x_linked_recessive[^"]*)"', body)
    assert facet_link
    assert "type=condition" in facet_link.group(1)


def test_facets_come_after_results_for_small_screens(client: Client, many_conditions) -> None:
    body = client.get("/search", {"q": "muscular"}).content.decode()
    assert body.index('class="search-results"') < body.index('class="search-facets"')
    assert "Filter results" in body


def test_a_type_filter_counts_its_own_matches_after_a_broad_query(
    client: Client, many_conditions, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cap below the 25 conditions stands in for a common word at full scale: the first
    # matches counted are all conditions, yet choosing genes must count the gene, not "0+".
    from search.backends.postgres import counts as pg_counts

    monkeypatch.setattr(pg_counts, "COUNT_CAP", 10)
    broad = client.get("/api/v1/search/", {"q": "muscular"}).json()
    assert broad["total_is_lower_bound"] is True
    genes = client.get("/api/v1/search/", {"q": "muscular", "type": "gene"}).json()
    assert genes["total"] == 1
    assert genes["total_is_lower_bound"] is False
    assert [r["id"] for r in genes["results"]] == ["TGMUS"]
    assert {"value": "gene", "count": 1, "count_is_lower_bound": False} in genes["facets"]["type"]
    page = client.get("/search", {"q": "muscular"}).content.decode()
    # 10 conditions (the cap, and more) plus the gene: a lower bound that counts every type
    assert "More than 11 results" in page
    assert re.search(r">Conditions</a> \(more than 10\)", page)
    assert (
        "1 result for" in client.get("/search", {"q": "muscular", "type": "gene"}).content.decode()
    )
