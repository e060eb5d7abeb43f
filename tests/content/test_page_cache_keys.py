"""The page cache keys a page on the parameters its view reads, and Redis memory is bounded."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.test import Client

from rarelabs import embedded
from tests.factories.knowledge import ConditionFactory


@pytest.mark.django_db
def test_unknown_parameters_share_the_cached_page(client: Client) -> None:
    """Was: every `?x=N` rendered the page again and stored another copy in Redis."""
    ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")
    assert client.get("/conditions/dravet-syndrome/", {"x": "1"})["X-Page-Cache"] == "miss"
    for n in range(2, 6):
        response = client.get("/conditions/dravet-syndrome/", {"x": str(n)})
        assert response["X-Page-Cache"] == "hit"
    assert b"Dravet syndrome" in response.content


@pytest.mark.django_db
def test_parameters_a_view_reads_still_make_different_pages(client: Client) -> None:
    ConditionFactory(slug="angelman-syndrome", name="Angelman syndrome")
    ConditionFactory(slug="batten-disease", name="Batten disease")
    a_page = client.get("/conditions/", {"letter": "A"})
    b_page = client.get("/conditions/", {"letter": "B"})
    assert b_page["X-Page-Cache"] == "miss"
    assert b"Angelman syndrome" in a_page.content
    assert b"Batten disease" in b_page.content
    assert b"Angelman syndrome" not in b_page.content


def test_the_embedded_redis_has_bounded_memory(tmp_path: Path) -> None:
    socket_path = embedded.ensure_redis(tmp_path)
    try:
        cli = [embedded._redis_binary("redis-cli"), "-s", str(socket_path)]
        policy = subprocess.run([*cli, "config", "get", "maxmemory-policy"],  # noqa: S603
                                capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
        limit = subprocess.run([*cli, "config", "get", "maxmemory"],  # noqa: S603
                               capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    finally:
        embedded.stop_redis(tmp_path)
    assert policy[-1] == "volatile-lru"
    assert int(limit[-1]) == 256 * 1024 * 1024
