"""The name several types share (`knowledge.shared_names`) as a one-item reindex reads it: the
names are read again only when they change, so an editor's save is not a read of every name,
and a rename still reaches the keys of the types reindexed after it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.models import Condition
from search.indexer import index_objects
from search.models import SearchEntry
from tests.factories.knowledge import ConditionFactory

pytestmark = pytest.mark.django_db

SHARED = "qux disease"


def _keys(condition: Condition) -> dict[str, float]:
    return SearchEntry.objects.get(doc_type="condition", object_id=condition.pk).exact


def test_a_rename_reaches_the_shared_name_of_the_other_types() -> None:
    first = ConditionFactory(name="Qux disease type A")
    other = ConditionFactory(name="Quux disease type B")
    index_objects("condition", [first.pk, other.pk])
    assert SHARED not in _keys(first)  # one type of its name shares nothing
    # An editor's rename: as many names as before, one of them new.
    Condition.objects.filter(pk=other.pk).update(name="Qux disease type B")
    index_objects("condition", [first.pk])
    assert _keys(first)[SHARED] == 30


def test_a_one_item_reindex_reads_the_names_only_when_they_changed() -> None:
    first = ConditionFactory(name="Qux disease type A")
    ConditionFactory(name="Qux disease type B")
    index_objects("condition", [first.pk])
    with CaptureQueriesContext(connection) as queries:
        index_objects("condition", [first.pk])
    every_synonym = [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "knowledge_conditionsynonym"' in query["sql"] and "WHERE" not in query["sql"]
    ]
    assert every_synonym == []
    assert _keys(first)[SHARED] == 30
