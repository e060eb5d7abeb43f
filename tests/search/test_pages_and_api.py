"""The /search page and the search API, on the PostgreSQL backend with real rows."""

from __future__ import annotations

import pytest
from django.test import Client

from search.indexer import rebuild
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory, GeneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return client_from_fresh_address()


@pytest.fixture
def indexed(settings) -> None:
    settings.SEARCH_BACKEND = "search.backends.postgres.backend.PostgresBackend"
    settings.OPENSEARCH_URL = ""
    # Orphanet ORPHA:586 and HGNC:1884 (real names and ids; see tests/search/contract/data.py).
    cf = ConditionFactory(
        primary_id="ORPHA:586",
        name="Cystic fibrosis",
        slug="cystic-fibrosis",
        definition="A disease with thick, sticky mucus in the lungs.",
    )
    ConditionSynonymFactory(
        condition=cf, text="Mucoviscidosis", source="Orphanet ORPHApackets 2025-12"
    )
    GeneFactory(
        symbol="CFTR",
        hgnc_id="HGNC:1884",
        name="CF transmembrane conductance regulator",
        source="HGNC complete set",
    )
    rebuild(progress=False)


def test_search_page_shows_highlighted_results(client: Client, indexed: None) -> None:
    response = client.get("/search", {"q": "sticky mucus"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cystic fibrosis" in body
    assert "ORPHA:586" in body
    assert "<mark>" in body
    assert 'name="q"' in body
    assert "search.js" in body


def test_search_page_without_query_shows_the_form(client: Client) -> None:
    response = client.get("/search")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()


def test_search_page_helps_when_nothing_matches(client: Client, indexed: None) -> None:
    body = client.get("/search", {"q": "cystik fibrosis"}).content.decode()
    assert "Did you mean" in body
    body = client.get("/search", {"q": "zzzzqqqq"}).content.decode()
    assert "browsing all conditions" in body
    assert 'href="/conditions/' in body


@pytest.mark.parametrize("q", ["x" * 501, "bad\x00byte"])
def test_search_page_refuses_bad_input_with_400(client: Client, q: str) -> None:
    response = client.get("/search", {"q": q})
    assert response.status_code == 400
    assert "search text" in response.content.decode()


def test_search_api_returns_typed_results(client: Client, indexed: None) -> None:
    response = client.get("/api/v1/search/", {"q": "CFTR"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["type"] == "gene"
    assert data["results"][0]["id"] == "CFTR"
    assert data["backend"] == "postgres"
    assert {"value": "gene", "count": 1, "count_is_lower_bound": False} in data["facets"]["type"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 501},
        {"q": "a\x01b"},
        {"q": "sma", "page": "0"},
        {"q": "sma", "page": "abc"},
        {"q": "sma", "page_size": "1000"},
        {"q": "sma", "type": "bogus"},
    ],
)
def test_search_api_bad_input_is_a_clear_400(client: Client, indexed: None, params: dict) -> None:
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("q", ['"', "&|!():*", "((cystic", "cystic' OR '1'='1", "title:(x"])
def test_search_api_syntax_is_never_a_500(client: Client, indexed: None, q: str) -> None:
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200
    assert response.json()["total"] >= 0


def test_autocomplete_api(client: Client, indexed: None) -> None:
    response = client.get("/api/v1/search/autocomplete/", {"q": "cyst"})
    assert response.status_code == 200
    assert response.json()["results"][0]["name"] == "Cystic fibrosis"
    assert client.get("/api/v1/search/autocomplete/", {"q": ""}).json()["results"] == []


def test_search_endpoints_are_in_the_openapi_schema(client: Client) -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "/api/v1/search/" in schema["paths"]
    assert "/api/v1/search/autocomplete/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert {"q", "type", "page"} <= params
