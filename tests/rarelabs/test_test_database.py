"""The test database as tests/conftest.py's django_db_setup leaves it."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_autovacuum_never_analyzes_a_test_table_while_a_test_holds_uncommitted_rows() -> None:
    # Such an ANALYZE recorded "pages but no rows", and the planner joined thousands of rows by
    # nested loops for the rest of the run (the describe tests' phrase table: 5-20 s a build).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r'"
            " AND relnamespace = current_schema()::regnamespace"
            " AND NOT coalesce(reloptions @> ARRAY['autovacuum_enabled=false'], false)"
        )
        left_on = [name for (name,) in cursor.fetchall()]
    assert "knowledge_phenotype" not in left_on
    assert left_on == []
