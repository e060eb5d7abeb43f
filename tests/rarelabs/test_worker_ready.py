"""What a Celery worker does once it is ready (rarelabs/celery.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from rarelabs.celery import _log_services


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # this test process goes on collecting as before


def test_a_ready_worker_freezes_what_it_loaded(unfrozen: None) -> None:
    """Was: nothing frozen, so a stopping worker walked every loaded object at exit (3.3 s of a
    test's teardown on 2 busy cores, now 1.1 s)."""
    _log_services()
    assert gc.get_freeze_count() > 10_000
