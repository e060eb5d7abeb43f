"""Run only by test_real_database_guard.py: a module fixture that writes through
django_db_blocker, and a test not marked django_db (so pytest-django makes no test database)."""

from __future__ import annotations

import pytest

from knowledge.models import Condition


@pytest.fixture(scope="module")
def written(django_db_setup: None, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        Condition.objects.filter(slug="guard-probe").delete()
    return "written"


def test_uses_the_module_fixture(written: str) -> None:
    assert written == "written"
