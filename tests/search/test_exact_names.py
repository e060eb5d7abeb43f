"""`names_exactly`: one raw lookup of the exact keys (issue 14 item 10, ninth pass)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.base import postgres_backend
from search.documents import IndexedDoc
from search.query import names_exactly

pytestmark = pytest.mark.django_db


def _doc(doc_type: str, n: int, title: str, keys: tuple[str, ...]) -> IndexedDoc:
    # Test rows, not medical content.
    return IndexedDoc(
        doc_type=doc_type,
        object_id=n,
        curie=f"TEST:{doc_type}:{n}",
        title=title,
        url=f"/test/{doc_type}/{n}",
        summary="",
        texts=(("name", title, 10.0),),
        exact=tuple(("name", key, 1.0) for key in keys),
        autocomplete=(title,),
        filters={},
    )


@pytest.fixture
def named() -> None:
    postgres_backend().index(
        [
            _doc("condition", 1, "Test qzcondition", ("test qzcondition", "tqz:1")),
            _doc("phenotype", 2, "Test qzsign", ("test qzsign",)),
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
