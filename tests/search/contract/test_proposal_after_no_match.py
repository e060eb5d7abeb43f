"""When nothing matches and the words have no correction, every backend proposes the title
that looks most like what was typed (PostgreSQL did; OpenSearch proposed nothing), through the
search API and the page (issue 17). The contract data's Orphanet row ORPHA:586, "Cystic
fibrosis" (Orphanet ORPHApackets, Dec 2025)."""

from __future__ import annotations

import pytest

from tests._shared import client_from_fresh_address

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("backend")
def test_a_search_that_finds_nothing_proposes_the_closest_title() -> None:
    client = client_from_fresh_address()
    api = client.get("/api/v1/search/", {"q": "cysticfibrosis"}).json()
    assert api["total"] == 0
    assert api["did_you_mean"] == "Cystic fibrosis"  # was None on OpenSearch
    html = client.get("/search", {"q": "cysticfibrosis"}).content.decode()
    assert 'Did you mean <a href="?q=Cystic%20fibrosis">Cystic fibrosis</a>?' in html
