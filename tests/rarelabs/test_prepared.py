"""A fixed raw statement prepared once per database connection (issue 14 item 10, eighth pass)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from rarelabs.prepared import PreparedStatement


def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


def _sum() -> PreparedStatement:
    # Parameters named out of order, and a literal percent sign, as a page's statement may hold.
    return PreparedStatement(
        "rl_test_sum", "SELECT %(a)s + %(b)s * 10, 'a%%b'", {"b": "int", "a": "int"}
    )


@pytest.mark.django_db(transaction=True)
def test_prepared_once_per_connection_and_again_after_a_reconnect() -> None:
    statement = _sum()
    with CaptureQueriesContext(connection) as captured:
        assert statement.fetchone({"a": 1, "b": 2}) == (21, "a%b")
        assert statement.fetchone({"a": 3, "b": 4}) == (43, "a%b")
    # Counted as the page's statement each time; the PREPARE is the connection's set-up.
    assert [q["sql"].split("(")[0] for q in captured.captured_queries] == [
        "EXECUTE rl_test_sum",
        "EXECUTE rl_test_sum",
    ]
    assert "rl_test_sum" in _prepared_names()
    connection.close()
    assert statement.fetchone({"a": 5, "b": 6}) == (65, "a%b")
    assert "rl_test_sum" in _prepared_names()


@pytest.mark.django_db(transaction=True)
def test_still_usable_after_a_rolled_back_transaction() -> None:
    statement = _sum()
    with transaction.atomic():  # prepared inside a transaction that is then rolled back
        assert statement.fetchone({"a": 1, "b": 1}) == (11, "a%b")
        transaction.set_rollback(True)
    assert statement.fetchone({"a": 2, "b": 2}) == (22, "a%b")


def test_every_parameter_needs_a_type() -> None:
    with pytest.raises(ValueError, match="parameters"):
        PreparedStatement("rl_test_bad", "SELECT %(a)s + %(b)s", {"a": "int"})


@pytest.mark.django_db
def test_fetchall_returns_every_row() -> None:
    statement = PreparedStatement(
        "rl_test_series", "SELECT n FROM generate_series(1, %(top)s) AS n", {"top": "int"}
    )
    assert statement.fetchall({"top": 3}) == [(1,), (2,), (3,)]
    assert statement.fetchall({"top": 0}) == []


@pytest.mark.django_db(transaction=True)
def test_two_objects_of_one_statement_share_what_each_connection_holds() -> None:
    """Was: each object kept its own record, so when two threads built the same statement at
    once (a first search in a fresh worker), the one kept then sent PREPARE again on a
    connection the other had prepared: "prepared statement already exists", a 500."""
    connection.close()
    assert _sum().fetchone({"a": 1, "b": 2}) == (21, "a%b")
    assert _sum().fetchone({"a": 3, "b": 4}) == (43, "a%b")
