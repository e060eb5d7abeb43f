"""Unknown addresses under /api/ answer in the API's JSON error shape; odd keys are 404s."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import SlugRedirect
from tests.factories.knowledge import ConditionFactory

RESOURCES = ["conditions", "genes", "phenotypes", "variants", "therapies", "trials",
             "publications", "articles"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/no-such-thing/", "/api/v2/conditions/"])
def test_unknown_api_path_is_a_json_404(client: Client, path: str) -> None:
    """Clients get {"error": {...}} with code not_found and a pointer to the docs."""
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert "/api/v1/docs/" in error["message"]


@pytest.mark.django_db
def test_unknown_site_path_is_still_the_html_404(client: Client) -> None:
    """The family-facing 404 page stays for every other address."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_a_nul_byte_in_a_detail_key_is_a_404_not_a_500(client: Client, resource: str) -> None:
    """PostgreSQL refuses NUL in text: the key must never reach a query."""
    response = client.get(f"/api/v1/{resource}/a%00b/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_a_nul_byte_in_a_gene_page_address_is_a_404(client: Client) -> None:
    """The public gene page answers an odd symbol with the friendly 404."""
    response = client.get("/genes/SMN%001/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


@pytest.mark.django_db
def test_a_merged_conditions_old_slug_answers_301_in_the_api(client: Client) -> None:
    """As its page does: a bookmarked API address of a merged condition leads to the record."""
    kept = ConditionFactory(name="Spinal muscular atrophy", slug="spinal-muscular-atrophy")
    SlugRedirect.objects.create(old_slug="sma-old-name", condition=kept)
    response = client.get("/api/v1/conditions/sma-old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/conditions/spinal-muscular-atrophy/"
    assert client.get(response["Location"]).json()["name"] == "Spinal muscular atrophy"
    # A slug nobody ever had is still the API's JSON 404.
    missing = client.get("/api/v1/conditions/never-a-condition/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
