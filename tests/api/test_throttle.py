"""The anonymous API budget holds against forged X-Forwarded-For, and the site's own search box
has a budget of its own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from search.indexer import rebuild
from tests.factories.knowledge import ConditionFactory

API_BUDGET = 120  # API_ANON_RATE's default, per minute


@pytest.fixture(autouse=True)
def _fresh_counters(db: None) -> None:
    cache.clear()
    ConditionFactory(name="Dravet syndrome", slug="dravet-syndrome")
    rebuild(progress=False)


def test_a_forged_forwarded_for_does_not_reset_the_budget(client: Client) -> None:
    """Was: any X-Forwarded-For value got a fresh 120/min (NUM_PROXIES unset)."""
    for n in range(API_BUDGET):
        response = client.get("/api/v1/conditions/", HTTP_X_FORWARDED_FOR=f"10.0.{n // 250}.{n}")
        assert response.status_code == 200, n
    refused = client.get("/api/v1/conditions/", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0


def test_behind_a_configured_proxy_each_client_has_its_own_budget(client: Client, settings) -> None:
    settings.NUM_PROXIES = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _ in range(API_BUDGET):
        client.get("/api/v1/conditions/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.2")
    # The proxy appends the address it saw; the client may prepend anything it likes.
    same = client.get("/api/v1/conditions/", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.2")
    assert same.status_code == 429
    other = client.get("/api/v1/conditions/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.3")
    assert other.status_code == 200


def test_the_site_search_box_never_spends_the_api_budget(client: Client) -> None:
    for _ in range(API_BUDGET + 30):
        response = client.get("/search/autocomplete", {"q": "drav"})
        assert response.status_code == 200
    assert response.json()["results"][0]["name"] == "Dravet syndrome"
    assert client.get("/api/v1/search/autocomplete/", {"q": "drav"}).status_code == 200


def test_an_exhausted_api_budget_leaves_the_site_search_box_working(client: Client) -> None:
    for _ in range(API_BUDGET + 1):
        last = client.get("/api/v1/search/autocomplete/", {"q": "drav"})
    assert last.status_code == 429
    assert client.get("/search/autocomplete", {"q": "drav"}).status_code == 200
    assert b"search/autocomplete" in client.get("/").content


def test_the_login_lockout_ignores_forged_forwarded_for(client: Client) -> None:
    User.objects.create_user("ada", password="a-long-test-passphrase-42", is_staff=True)
    for n in range(5):
        client.post("/admin/login/", {"username": "ada", "password": f"wrong-{n}"},
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")  # fmt: skip
    locked = client.post("/admin/login/", {"username": "ada", "password": "a-long-test-passphrase-42"},
                         HTTP_X_FORWARDED_FOR="192.0.2.200")  # fmt: skip
    assert locked.status_code == 429
