"""The bundled knowledge base, imported once for this package's tests and removed afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import connection

from kbimport.importers.hpo import import_hpo
from kbimport.importers.therapies import import_therapies
from knowledge.models import Condition

# Imported rows are committed, outside any test's transaction: these apps' tables are emptied
# again when the package ends, so tests elsewhere start from the empty database they expect.
_IMPORTED_APPS = ("knowledge", "ingest", "search", "trials", "literature", "content")


@pytest.fixture(scope="package")
def bundled_kb(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Run the full bundled import (HPO + therapies) unless this test database already has it."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        if not Condition.objects.filter(primary_id="ORPHA:586").exists():
            import_hpo()
        import_therapies()
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _empty_imported_tables()


def _empty_imported_tables() -> None:
    tables = {
        model._meta.db_table
        for label in _IMPORTED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(sorted(tables))} RESTART IDENTITY CASCADE")


@pytest.fixture
def kb(bundled_kb: None, db: None) -> Iterator[None]:
    """The bundled knowledge base, inside a test transaction that is rolled back afterwards."""
    if not Condition.objects.filter(primary_id="ORPHA:586").exists():
        # Another test flushed the database (transactional_db): load it again, in this test.
        import_hpo()
        import_therapies()
    return
