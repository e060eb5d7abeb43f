"""Every word typed must match, but not all in one field: a name's word in the title and the
other in the definition is a match on every backend, as PostgreSQL's one document vector reads
it (issue 17). OpenSearch matched the words in one field only: "duchenne disease" missed
Duchenne muscular dystrophy, whose name holds "Duchenne" and whose definition "disease"
(the contract data's ORPHA:98896, Orphanet ORPHApackets, Dec 2025)."""

from __future__ import annotations

import pytest

from tests._shared import client_from_fresh_address

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("backend")
def test_words_held_by_different_fields_of_one_document_match_it() -> None:
    body = client_from_fresh_address().get("/api/v1/search/", {"q": "duchenne disease"}).json()
    assert "ORPHA:98896" in [hit["id"] for hit in body["results"]]  # was missing on OpenSearch
