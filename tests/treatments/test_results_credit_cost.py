"""Treatment results credit each regulatory event an editor corrected ("our editors wrote this")
with one history query for them all, as the condition and therapy pages do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from knowledge.models import Condition, RegulatoryEvent
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import ConditionGeneFactory, TherapyLinkFactory

pytestmark = pytest.mark.django_db
EDITORS_WORDS = "Approved for adults only (an editor's words)."


def _edited_event(condition: Condition, n: int) -> None:
    """A link of the condition with an event whose summary an editor changed."""
    link = TherapyLinkFactory(condition=condition, therapy__name=f"testocredited{n}")
    RegulatoryEvent.objects.create(
        link=link, region="EU", kind="approved", date=dt.date(2020, 1, n + 1),
        summary=EDITORS_WORDS, file_values={"summary": "Approved (the file's words)."},
        source="test", retrieved_on=dt.date(2026, 12, 3),
    )  # fmt: skip


def _queries_of_search(client: Client, symbol: str) -> tuple[int, str]:
    page_cache_invalidate()
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/treatments", {"gene": symbol}).content.decode()
    return len(captured.captured_queries), html


def test_edited_events_in_the_results_are_credited_with_one_history_query(
    client: Client,
) -> None:
    """Each edited event read its own history as the results page showed it (8 edited events
    cost 7 more queries than 1): the search reads them all at once."""
    condition = ConditionGeneFactory(gene__symbol="TGCREDIT").condition
    _edited_event(condition, 0)
    _queries_of_search(client, "TGCREDIT")  # a first search plans what it keeps
    one, html = _queries_of_search(client, "TGCREDIT")
    assert html.count("our editors wrote this") == 1
    for n in range(1, 8):
        _edited_event(condition, n)

    eight, html = _queries_of_search(client, "TGCREDIT")

    assert html.count("our editors wrote this") == 8
    assert eight == one
