"""An abbreviation that expands to several names ranks each entry by the name it holds, not by
how many words that name has, on both backends (issue 17).

On OpenSearch, BM25 added up the words of each expansion: "cgd" expands to "chronic
granulomatous disease" and to OMIM's "chronic granulomatous disease x linked", and the OMIM entry
outscored Orphanet's on its two extra words. PostgreSQL answers with the Orphanet entry first.

Rows, names as their sources give them: Orphanet ORPHApackets (Dec 2025) ORPHA:379 and its
synonyms (the definition a short summary of Orphanet's); OMIM 306400's title and alternative
titles, as the OMIM importer stores them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.models import Condition, SynonymKind
from search.indexer import rebuild, suspend_signals
from tests._shared import client_from_fresh_address
from tests.search.contract.data import create_condition, named_condition, search_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def expanded_rows(backend: str, django_db_blocker) -> Iterator[None]:
    """The rows added to the contract data and indexed (a rebuild: the synonym groups that
    expand an abbreviation are gathered there), removed afterwards."""
    with django_db_blocker.unblock():
        with suspend_signals():
            create_condition(
                "ORPHA:379", "Chronic granulomatous disease",
                "A primary immunodeficiency with severe, recurrent infections.",
                [("CGD", SynonymKind.ABBREVIATION),
                 ("Chronic septic granulomatosis", SynonymKind.SYNONYM)],
            )  # fmt: skip
            named_condition(
                "OMIM:306400", "Chronic granulomatous disease, X-linked",
                "Granulomatous disease, chronic, X-linked", "CGD",
                "Cytochrome b-negative granulomatous disease, chronic, X-linked",
            )  # fmt: skip
        rebuild(progress=False)
        yield
        with suspend_signals():
            Condition.objects.filter(primary_id__in=["ORPHA:379", "OMIM:306400"]).delete()
        rebuild(progress=False)


def test_an_abbreviation_finds_the_entry_named_by_its_shorter_expansion_first() -> None:
    ids = search_ids(client_from_fresh_address(), "cgd")
    assert ids[:2] == ["ORPHA:379", "OMIM:306400"], ids
