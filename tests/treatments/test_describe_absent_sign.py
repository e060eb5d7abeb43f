"""A sign a source records at 0 % ("Excluded (0%)" in Orphanet, "0/4" in OMIM: none of four
patients had it) is a sign the condition is known not to have: the ranking reads the condition
as it reads one that does not list the sign. On the small real knowledge base of
test_describe_search.py."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import ConditionPhenotype
from tests.treatments.test_describe_search import client, panel, top  # noqa: F401 (a fixture)
from treatments.describe.evidence import condition_words_clear
from treatments.describe.prior import family_prior_clear
from treatments.phenotypes import phenotype_index_clear

pytestmark = pytest.mark.django_db

FRECKLES = "HP:0000997"  # Axillary freckling: Orphanet lists it for NF1 (ORPHA:636), at 30-79 %
ARMPITS = "has freckles in the armpits and lumps under the skin"


@pytest.mark.parametrize("label", ["Excluded (0%)", "0/4"])
def test_a_sign_recorded_in_no_patient_ranks_the_condition_as_a_sign_not_listed(
    client: Client,  # noqa: F811 (the fixture imported above)
    label: str,
) -> None:
    # Each change writes or removes a row, as an import does, and is followed by what an import
    # calls (the in-process index is otherwise trusted for a minute); each question is worded
    # anew (an answer is cached by its text).
    row = ConditionPhenotype.objects.get(
        condition__primary_id="ORPHA:636", phenotype__hpo_id=FRECKLES
    )
    assert top(panel(client, f"my son {ARMPITS}"), 1) == ["ORPHA:636"]
    row.delete()
    _forget()
    unlisted = _scores(panel(client, f"our son {ARMPITS}"))
    row.pk = None
    row.frequency, row.frequency_label = 0.0, label
    row.save()
    _forget()
    recorded_absent = _scores(panel(client, f"my boy {ARMPITS}"))
    assert "ORPHA:636" in unlisted
    assert recorded_absent == unlisted  # NF1's score and place included


def _forget() -> None:
    phenotype_index_clear()
    family_prior_clear()
    condition_words_clear()


def _scores(body: dict) -> dict[str, float]:
    return {c["id"]: c["score"] for c in body["described"]["conditions"]}
