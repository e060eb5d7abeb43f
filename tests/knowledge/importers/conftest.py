"""The bundled knowledge base, imported once per test database (kept with --reuse-db)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.importers.hpo import import_hpo
from knowledge.importers.therapies import import_therapies
from knowledge.models import Condition


@pytest.fixture(scope="session")
def bundled_kb(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """Run the full bundled import (HPO + therapies) unless this test database already has it."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        if not Condition.objects.filter(primary_id="ORPHA:586").exists():
            import_hpo()
        import_therapies()


@pytest.fixture
def kb(bundled_kb: None, db: None) -> Iterator[None]:
    """The bundled knowledge base, inside a test transaction that is rolled back afterwards."""
    if not Condition.objects.filter(primary_id="ORPHA:586").exists():
        # Another test flushed the database (transactional_db): load it again, in this test.
        import_hpo()
        import_therapies()
    return
