"""A paper's DOI pasted in the box, in any of its printed forms (bare, "doi:", a doi.org or a
publisher's address, inside a reference line): the paper when the knowledge base holds it, or a
plain "not in the knowledge base" with the doi.org link. Page and API, on every backend."""

from __future__ import annotations

import pytest
from django.test import Client

from tests._shared import client_from_fresh_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_from_fresh_address()


@pytest.mark.parametrize(
    "query",
    [
        "10.1056/NEJMoa1702752",
        "doi:10.1056/nejmoa1702752",
        "https://doi.org/10.1056/NEJMoa1702752",
        "https://www.nejm.org/doi/full/10.1056/NEJMoa1702752",
        "N Engl J Med 2017;377:1723-32. DOI: 10.1056/NEJMoa1702752.",
    ],
)
def test_a_held_papers_doi_finds_the_paper(client: Client, query: str) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["results"][0]["id"] == "PMID:29091570"
    assert body["identifier"]["found"] is True
    assert body["identifier"]["kind"] == "publication"


@pytest.mark.parametrize(
    ("query", "doi"),
    [
        ("doi:10.3109/15563650.2014.913175", "10.3109/15563650.2014.913175"),
        ("https://dx.doi.org/10.1016/S1474-4422(07)70194-1", "10.1016/s1474-4422(07)70194-1"),
        ("DOI: 10.1016/j.celrep.2022.110408.", "10.1016/j.celrep.2022.110408"),
    ],
)
def test_an_unknown_doi_says_so_and_links_doi_org(client: Client, query: str, doi: str) -> None:
    # Was: no notice, and the pieces ("10", "1016", "celrep") matched as words.
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["identifier"]["found"] is False
    assert body["identifier"]["kind"] == "publication"
    assert body["identifier"]["source_url"] == f"https://doi.org/{doi}"
    assert body["results"] == []
    html = client.get("/search", {"q": query}).content.decode()
    assert "is not in the RareLabs knowledge base yet" in html
    assert f"https://doi.org/{doi}" in html
