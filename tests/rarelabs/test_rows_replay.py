"""tests/rows_replay.py: a fixture's load replayed from its rows gives a test exactly what the load
wrote, and falls back to the real load whenever a copy could differ from it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from knowledge.models import Condition, Phenotype
from rarelabs.pagecache import page_cache_generation
from tests.factories.knowledge import ConditionFactory, PhenotypeFactory
from tests.rows_replay import RowsReplay

pytestmark = pytest.mark.django_db


def _two_conditions() -> None:
    calls.append(1)
    ConditionFactory(primary_id="ORPHA:586", name="Cystic fibrosis")
    ConditionFactory(primary_id="ORPHA:70", name="Spinal muscular atrophy")


calls: list[int] = []
REPLAY = RowsReplay()


def _rows() -> list[tuple]:
    return list(Condition.objects.order_by("id").values_list("id", "primary_id", "name", "slug"))


@pytest.mark.parametrize("visit", [1, 2, 3])
def test_later_tests_get_the_same_rows_without_running_the_load(visit: int) -> None:
    REPLAY.run(_two_conditions)
    assert len(calls) == 1  # the load ran in the first test only
    assert REPLAY.replays == visit - 1
    assert [row[1:3] for row in _rows()] == [
        ("ORPHA:586", "Cystic fibrosis"),
        ("ORPHA:70", "Spinal muscular atrophy"),
    ]


def test_a_row_added_after_a_replay_takes_an_id_no_replayed_row_holds() -> None:
    """A TRUNCATE ... RESTART IDENTITY elsewhere in the process sets the ids' sequence back."""
    replay = RowsReplay()
    with transaction.atomic():  # the first load, rolled back as a test's would be
        replay.run(_two_conditions)
        ids = [row[0] for row in _rows()]
        transaction.set_rollback(True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('knowledge_condition', 'id')")
        (sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value FROM {sequence}")  # noqa: S608 - from pg_catalog
        (last,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, min(ids) - 1])
        try:
            replay.run(_two_conditions)
            assert replay.replays == 1
            added = ConditionFactory(primary_id="ORPHA:1", name="Added by the test")
            assert added.id > max(ids)
        finally:
            cursor.execute("SELECT setval(%s, %s)", [sequence, last])


def test_a_different_start_runs_the_real_load() -> None:
    replay = RowsReplay()
    replay.run(lambda: PhenotypeFactory(hpo_id="HP:0001250", name="Seizure"))
    ConditionFactory(primary_id="ORPHA:9", name="Already here")
    loads = []
    replay.run(lambda: loads.append(PhenotypeFactory(hpo_id="HP:0001251", name="Ataxia")))
    assert loads
    assert replay.replays == 0
    assert set(Phenotype.objects.values_list("hpo_id", flat=True)) == {"HP:0001250", "HP:0001251"}


def test_a_load_that_changes_rows_it_found_is_never_replayed() -> None:
    PhenotypeFactory(hpo_id="HP:0001250", name="Seizure")
    replay = RowsReplay()

    def rename() -> None:
        Phenotype.objects.filter(hpo_id="HP:0001250").update(name="Seizures")

    replay.run(rename)
    Phenotype.objects.filter(hpo_id="HP:0001250").update(name="Seizure")
    replay.run(rename)  # same start, but the copy would hold no change: the load runs again
    assert replay.replays == 0
    assert Phenotype.objects.get(hpo_id="HP:0001250").name == "Seizures"


def test_a_replay_makes_the_pages_cached_before_it_stale() -> None:
    """The load's saves bump the page cache's generation; rows written back by COPY send no
    signal, so a page an earlier test cached from other rows would be served again."""
    replay = RowsReplay()
    with transaction.atomic():
        replay.run(_two_conditions)
        transaction.set_rollback(True)
    before = page_cache_generation()
    replay.run(_two_conditions)
    assert replay.replays == 1
    assert page_cache_generation() > before
