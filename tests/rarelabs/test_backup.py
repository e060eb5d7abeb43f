"""A backup restores: dump, lose data, restore, and the rows (and pages) are back."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from knowledge.models import Condition
from rarelabs.backup import database_target
from tests.factories.knowledge import ConditionFactory


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_over_lost_data_and_into_a_new_database(tmp_path: Path) -> None:
    ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome", primary_id="ORPHA:33069")
    dump = tmp_path / "backup.dump"
    call_command("backup_database", str(dump))
    assert dump.stat().st_size > 10_000

    Condition.objects.all().delete()  # the accident
    assert Client().get("/conditions/dravet-syndrome/").status_code == 404
    call_command("restore_database", str(dump))
    connection.close()  # the restore replaced the tables under this connection
    assert Condition.objects.get(primary_id="ORPHA:33069").name == "Dravet syndrome"
    assert b"Dravet syndrome" in Client().get("/conditions/dravet-syndrome/").content

    scratch = f"restore_check_{uuid.uuid4().hex[:8]}"
    call_command("restore_database", str(dump), into=scratch)
    target = database_target(scratch)
    conf = connection.settings_dict
    try:
        with psycopg.connect(host=conf["HOST"], port=conf["PORT"] or None, user=conf["USER"],
                             password=conf["PASSWORD"] or None, dbname=scratch) as other:  # fmt: skip
            rows = other.execute("SELECT name FROM knowledge_condition").fetchall()
        assert rows == [("Dravet syndrome",)]
    finally:
        with psycopg.connect(host=conf["HOST"], port=conf["PORT"] or None, user=conf["USER"],
                             password=conf["PASSWORD"] or None, dbname="postgres",
                             autocommit=True) as admin:  # fmt: skip
            admin.execute(f'DROP DATABASE IF EXISTS "{target.name}"')
