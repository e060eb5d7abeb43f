"""Fixtures: the small real knowledge base, built in the test database."""

from __future__ import annotations

import pytest

from tests.treatments.kb import load_conditions, load_therapies


@pytest.fixture
def kb(db: None) -> dict:
    """Conditions (40 Orphanet packets), HPO terms, genes and therapies, with trials left empty."""
    conditions = load_conditions()
    therapies = load_therapies(conditions)
    return {"conditions": conditions, "therapies": therapies}
