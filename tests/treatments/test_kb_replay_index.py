"""The small knowledge base replayed from its rows (tests/rows_replay.py) must not let a test be
served the phenotype index an earlier test built: the index is kept in Redis, outside the test's
rolled-back transaction, under a fingerprint of the rows that a replay would otherwise repeat."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Max

from knowledge.models import ConditionPhenotype
from tests.treatments.kb import conditions_and_therapies_in_test
from treatments.phenotypes import phenotype_index_clear, phenotype_index_get

pytestmark = pytest.mark.django_db


def _annotation_count(orpha: str) -> tuple[int, int]:
    """(rows in the database, terms the index holds) for one condition, after deleting one of
    its annotations below the highest id (counts and highest ids alone do not see it)."""
    conditions, _ = conditions_and_therapies_in_test()
    condition = conditions[orpha]
    top = ConditionPhenotype.objects.aggregate(top=Max("id"))["top"]
    victim = ConditionPhenotype.objects.filter(condition=condition).exclude(id=top).order_by("id")
    victim.first().delete()
    phenotype_index_clear()  # the in-process copy; the shared one in Redis is what is checked
    index = phenotype_index_get()
    i = list(index.condition_ids).index(condition.pk)
    held = int(index.annot_ptr[i + 1] - index.annot_ptr[i])
    return ConditionPhenotype.objects.filter(condition=condition).count(), held


def test_two_tests_deleting_different_annotations_each_get_their_own_index() -> None:
    seen = []
    for orpha in ("98896", "586"):  # two tests' edits, each rolled back as a test's would be
        with transaction.atomic():
            seen.append(_annotation_count(orpha))
            transaction.set_rollback(True)
    phenotype_index_clear()
    assert [held for _, held in seen] == [rows for rows, _ in seen]
