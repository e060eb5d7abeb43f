"""Treatment result pages come from the page cache for anonymous readers, never stale."""

from __future__ import annotations

from django.test import Client

from knowledge.models import Therapy


def test_a_repeated_search_is_served_without_queries(
    client: Client, kb: dict, django_assert_num_queries
) -> None:
    """Was: every /treatments?gene=SMN1 ran the ranking again (8 queries, ~400 ms cold)."""
    first = client.get("/treatments", {"gene": "SMN1"})
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/treatments", {"gene": "SMN1"})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "nusinersen" in again.content.decode()


def test_only_the_parameters_the_page_reads_key_it(client: Client, kb: dict) -> None:
    plain = client.get("/treatments", {"gene": "SMN1"})
    # An unknown parameter shares the page and leaks into nothing on it (not the permalink).
    tracked = client.get("/treatments", {"gene": "SMN1", "utm_source": "mail"})
    assert tracked["X-Page-Cache"] == "hit"
    assert "utm_source" not in plain.content.decode()
    family = client.get("/treatments", {"gene": "SMN1", "view": "family"})
    assert family["X-Page-Cache"] == "miss"
    assert family.content != plain.content
    other = client.get("/treatments", {"gene": "DMD"})
    assert other["X-Page-Cache"] == "miss"
    assert other.content != plain.content


def test_an_editors_change_shows_on_the_next_request(client: Client, kb: dict) -> None:
    before = client.get("/treatments", {"gene": "SMN1"}).content.decode()
    assert "Spinraza (nusinersen)" not in before
    therapy = Therapy.objects.get(name="nusinersen")
    therapy.name = "Spinraza (nusinersen)"
    therapy.save()
    after = client.get("/treatments", {"gene": "SMN1"})
    assert after["X-Page-Cache"] == "miss"
    assert "Spinraza (nusinersen)" in after.content.decode()


def test_signed_in_users_and_bad_input_are_never_cached(client: Client, admin_client, kb) -> None:
    for _ in range(2):
        response = admin_client.get("/treatments", {"gene": "SMN1"})
        assert "X-Page-Cache" not in response
    for _ in range(2):
        response = client.get("/treatments", {"limit": "0", "gene": "SMN1"})
        assert response.status_code == 400
        assert "X-Page-Cache" not in response
