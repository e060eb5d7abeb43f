"""A synonym HPO writes as its label less "self" ("Cutting" for Self-cutting) is not read: a
family's "bleeds for ages after a small cut" says nothing about self-harm (issue 17)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from tests.treatments.phrases import hpo_names_read

SELF_CUTTING = "HP:5200339"
BRUISING = "HP:0000978"


@pytest.mark.django_db
def test_a_small_cut_is_not_self_harm() -> None:
    hpo_term_create(SELF_CUTTING, "Self-cutting", "Cutting", "Self cutting")
    hpo_term_create(BRUISING, "Bruising susceptibility", "Bruises easily")
    read = hpo_names_read("he bruises easily and bleeds for ages after a small cut")
    assert read == [BRUISING]


@pytest.mark.django_db
def test_cutting_said_with_self_is_still_read() -> None:
    hpo_term_create(SELF_CUTTING, "Self-cutting", "Cutting", "Self cutting")
    assert hpo_names_read("our teenager has started self cutting") == [SELF_CUTTING]
