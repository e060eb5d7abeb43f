"""Words that name two signs off each other's line ("stiff muscles": the everyday row's
Spasticity and HPO's label Muscle stiffness): the chip shows the first, and a condition that
lists the other earns it less a cost. On the small real knowledge base of
test_describe_search.py (Orphanet lists Muscle stiffness for Mucopolysaccharidosis type 2,
ORPHA:580, and neither term for type 1, ORPHA:579)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.treatments.test_describe_search import client, panel, top  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

STIFF = "my son has stiff muscles, is short and his joints are stiff"


def test_a_condition_listing_the_other_sign_the_words_name_ranks_first(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    body = panel(client, STIFF)
    chips = {s["words"]: s["name"] for s in body["described"]["signs"]}
    assert chips["stiff muscles"] == "Spasticity"  # one chip per phrase, the first reading
    assert "Muscle stiffness" not in chips.values()
    assert top(body, 2) == ["ORPHA:580", "ORPHA:579"]  # on main type 1 came first
