"""`names_exactly`: one raw lookup of the exact keys (issue 14 item 10, ninth pass)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.base import postgres_backend
from search.query import names_exactly
from tests.search.rows import indexed_doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def named() -> None:
    postgres_backend().index(
        [
            indexed_doc("condition", 1, "Test qzcondition", keys=("test qzcondition", "tqz:1")),
            indexed_doc("phenotype", 2, "Test qzsign", keys=("test qzsign",)),
        ]
    )


def test_a_name_or_id_of_the_asked_types_is_found(named) -> None:
    assert names_exactly(["Test QZcondition"], ("condition",))
    assert names_exactly(["nothing here", "TQZ:1"], ("condition",))
    assert names_exactly(["test qzsign"], ("condition", "phenotype"))


def test_a_name_of_another_type_or_a_part_of_a_name_is_not(named) -> None:
    assert not names_exactly(["test qzsign"], ("condition",))
    assert not names_exactly(["qzcondition"], ("condition",))
    assert not names_exactly(["  "], ("condition",))


def test_one_raw_statement_is_sent(named) -> None:
    with CaptureQueriesContext(connection) as queries:
        names_exactly(["Test QZcondition"], ("condition",))
    assert [q["sql"].split(" WHERE")[0] for q in queries.captured_queries] == [
        "SELECT 1 FROM search_searchentry e"
    ]
