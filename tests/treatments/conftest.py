"""Fixtures: the small real knowledge base, built in the test database."""

from __future__ import annotations

import pytest

from tests.treatments.kb import conditions_and_therapies_in_test


@pytest.fixture
def kb(db: None) -> dict:
    """Conditions (40 Orphanet packets), HPO terms, genes and therapies, with trials left empty."""
    conditions, therapies = conditions_and_therapies_in_test()
    return {"conditions": conditions, "therapies": therapies}
