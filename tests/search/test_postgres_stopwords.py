"""`POSTGRES_STOPWORDS` copies PostgreSQL's english.stop, the list the text configuration's
dictionary (english_stem) drops from a tsquery. A copy can drift from the server it stands for
(a PostgreSQL upgrade, a changed dictionary): these tests ask the server itself."""

from __future__ import annotations

import pytest
from django.db import connection

from search.backends.postgres.text_clauses import POSTGRES_STOPWORDS

pytestmark = pytest.mark.django_db


def _server_stop_file() -> list[str]:
    """The words of the server's own english.stop, one a line."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_read_file(setting || '/tsearch_data/english.stop') "
            "FROM pg_config WHERE name = 'SHAREDIR'"
        )
        (text,) = cursor.fetchone()
    return [line.strip() for line in text.splitlines() if line.strip()]


def _dropped(words: list[str]) -> set[str]:
    """The words english_stem drops (lexizes to the empty array) on the server."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) AS w WHERE ts_lexize('english_stem', w) = '{}'",
            [words],
        )
        return {row[0] for row in cursor.fetchall()}


def test_every_copied_stopword_is_dropped_by_the_server() -> None:
    assert _dropped(sorted(POSTGRES_STOPWORDS)) == POSTGRES_STOPWORDS


def test_the_copy_is_the_servers_english_stop_list() -> None:
    assert set(_server_stop_file()) == POSTGRES_STOPWORDS


def test_a_word_the_server_keeps_is_no_copied_stopword() -> None:
    # The comparison above would pass on two empty lists; a kept word shows the query works.
    assert _dropped(["dystrophy", "the"]) == {"the"}
