"""The all-words query is matched in a factored form ("a & b & (c | d)"), which the GIN index
reads far faster than "(a & b & c) | (a & b & d)", and must match exactly the same rows."""

from __future__ import annotations

import pytest
from django.db import connection

from search.analysis import QueryAnalysis
from search.backends.postgres import counts as pg_counts
from search.backends.postgres import query as pg_query
from search.backends.postgres.text_clauses import CONFIG, tsquery_all, tsquery_match
from search.request import SearchRequest

# A description read as several words, one of them also read as gene symbols (the slow shape).
SPELLINGS = [
    ("extra", "fingers", "cysts", "sac", "brain"),
    ("extra", "fingers", "cysts", "adcy10", "brain"),
    ("extra", "fingers", "cysts", "rp1", "313l4", "2", "brain"),
]
TEXTS = [
    "extra fingers, cysts, a sac of the brain",
    "extra fingers and cysts of the brain with ADCY10",
    "extra fingers cysts brain rp1 313l4 2",
    "extra fingers cysts brain",
    "extra fingers cysts sac",
    "brain sac cysts fingers",
    "the sac",
    "rare cysts",
    "Werdnig-Hoffmann disease",
    "SMA",
    "",
]
LISTS = [
    SPELLINGS,
    [("werdnig", "hoffmann"), ("werdnig", "hoffmann", "disease"), ("sma",)],
    [("rare", "cysts"), ("rare",)],
    [("rare", "the"), ("rare", "sac")],  # a part of stopwords only: PostgreSQL drops it
    [("the", "sac"), ("the", "cysts")],  # shared words that are all stopwords
    [("brain", "sac", "extra"), ("brain", "sac", "fingers"), ("brain", "rare")],
    [("cysts",)],
]


def test_shared_words_are_taken_out_of_the_alternatives() -> None:
    assert tsquery_match(SPELLINGS) == (
        "extra & fingers & cysts & brain & ((sac) | (adcy10) | (rp1 & 313l4 & 2))"
    )
    # a list that is the shared words alone holds every other one
    assert tsquery_match([("rare", "cysts"), ("rare",)]) == "rare"
    assert tsquery_match([("duchenne", "dystrophy"), ("dmd",)]) == tsquery_all(
        [("duchenne", "dystrophy"), ("dmd",)]
    )


def test_parts_postgres_drops_as_stopwords_are_never_factored() -> None:
    assert tsquery_match([("rare", "the"), ("rare", "sac")]) == "(rare & the) | (rare & sac)"
    assert tsquery_match([("the", "sac"), ("the", "cysts")]) == "(the & sac) | (the & cysts)"


@pytest.mark.django_db
@pytest.mark.parametrize("lists", LISTS)
def test_the_factored_query_matches_the_same_texts(lists) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector(%(c)s::regconfig, t) @@ to_tsquery(%(c)s::regconfig, %(all)s),"
            "       to_tsvector(%(c)s::regconfig, t) @@ to_tsquery(%(c)s::regconfig, %(match)s)"
            " FROM unnest(%(texts)s::text[]) AS t",
            {"c": CONFIG, "all": tsquery_all(lists), "match": tsquery_match(lists), "texts": TEXTS},
        )
        rows = cursor.fetchall()
    assert [written for written, _factored in rows] == [factored for _written, factored in rows]
    assert any(written for written, _factored in rows)  # never two empty answers


def test_the_statements_match_by_the_factored_query_and_rank_by_the_written_one() -> None:
    analysis = QueryAnalysis(
        raw="extra fingers cysts sac brain",
        phrase="extra fingers cysts sac brain",
        terms=SPELLINGS[0],
        exact_keys=(),
        alternatives=tuple(SPELLINGS[1:]),
    )
    written = tsquery_all(analysis.all_term_lists)
    request = SearchRequest(query=analysis.raw)
    sql, params = pg_query.search_sql(request, analysis, written)
    assert params["tsm"] == tsquery_match(SPELLINGS)
    assert params["tsq"] == written
    assert "e.vector @@ q.tsm" in sql
    assert "ts_rank(%(weights)s::float4[], e.names, q.tsq, 1)" in sql
    stats, stats_params = pg_counts.stats_sql(request, analysis, written, ("condition",))
    assert stats_params["tsm"] == tsquery_match(SPELLINGS)
    assert "to_tsquery('rarelabs', %(tsm)s)" in stats
    # widened to any word, the query is matched as it is written
    anywhere = "extra | fingers | cysts | sac | brain | adcy10"
    assert pg_query.search_sql(request, analysis, anywhere)[1]["tsm"] == anywhere
