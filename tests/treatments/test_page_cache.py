"""Treatment result pages come from the page cache for anonymous readers, never stale."""

from __future__ import annotations

import re

from django.test import Client

from knowledge.models import Therapy


def _without_token(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


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
    # The same page, apart from each reader's own CSRF token in the case-report form.
    assert _without_token(again.content) == _without_token(first.content)
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


def test_a_cached_results_page_carries_each_readers_own_csrf_token(kb: dict) -> None:
    """Was: the cached page held the first reader's token, so a second family's "Make a case
    report" post from it failed the CSRF check (403)."""
    first = Client(enforce_csrf_checks=True)
    assert first.get("/treatments", {"gene": "SMN1"})["X-Page-Cache"] == "miss"
    second = Client(enforce_csrf_checks=True)
    page = second.get("/treatments", {"gene": "SMN1"})
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    assert "__rarelabs_csrf_token__" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    posted = second.post("/your-case/report", {"csrfmiddlewaretoken": token.group(1),
                                               "gene": "SMN1"})  # fmt: skip
    assert posted.status_code != 403
    assert posted.status_code == 200


def test_a_hit_with_a_form_gives_each_reader_a_fresh_csrf_token(kb: dict) -> None:
    tokens = []
    for _ in range(3):
        reader = Client(enforce_csrf_checks=True)
        page = reader.get("/treatments", {"gene": "SMN1"})
        html = page.content.decode()
        assert "__rarelabs_csrf_token__" not in html
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
        assert "csrftoken" in page.cookies  # the cookie the token is checked against
        assert "default-src 'self'" in page["Content-Security-Policy"]
    assert page["X-Page-Cache"] == "hit"
    assert len(set(tokens)) == 3
