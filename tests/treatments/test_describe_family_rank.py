"""The family ranking is added up in one place (`treatments/describe/family_rank`, R37): the page
and the weights' benchmark (`benchmarks/family_weights.py`) call the same functions, and a
weight the benchmark sets reaches the ranking as an argument, not by rewriting module
constants. On the small real knowledge base of test_describe_search.py."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest

from benchmarks.family_weights import _reading_loaded, conditions_get, panel, read_one
from knowledge.models import Phenotype
from tests.treatments.test_describe_search import _facts, client  # noqa: F401 (a fixture)
from treatments.describe.family_rank import (
    TODAYS_WEIGHTS,
    description_parts,
    family_ranking,
    shown_once,
)
from treatments.describe.prior import BOY_WEIGHT, family_prior_get
from treatments.describe.selectors import MAX_CONDITIONS, description_read
from treatments.phenotypes import phenotype_index_get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("client")]

DESCRIPTIONS = (
    "my baby is floppy and can't hold his head up",
    "he falls a lot and has big calves and struggles to get up from the floor",
    "our daughter stopped using her hands and wrings them",
    "my son has seizures but no fevers",
)
DRAVET, NF1 = "ORPHA:33069", "ORPHA:636"


def _panel_by_weights(query: str, weights=TODAYS_WEIGHTS) -> list[str]:
    """The benchmark's panel for `query`, its reading kept as its cache keeps it."""
    item = {"q": query, "split": "test", "expected": []}
    reading = _reading_loaded(asdict(read_one(item)))  # as the cache stores it (frozensets)
    index = phenotype_index_get()
    parts = description_parts(index, reading.text, reading.signs, dict(reading.sets))
    return list(panel(reading, parts, index, family_prior_get(index), weights, conditions_get()))


@pytest.mark.parametrize("query", DESCRIPTIONS)
def test_the_weights_benchmark_ranks_a_reading_as_the_page_does(query: str) -> None:
    shown = [c.id for c in description_read(query=query).conditions]
    assert shown
    assert _panel_by_weights(query) == shown


def test_a_boy_weight_given_as_an_argument_decides_the_order() -> None:
    # test_describe_search: NF1 recorded as X-linked recessive only passes Dravet syndrome for
    # a son at the boy weight (0.3), not without it; the weight now travels with the call.
    _facts("ORPHA:636", inheritance=["x_linked_recessive"])
    query = "my son has seizures"

    def order(weights) -> list[str]:
        return [i for i in _panel_by_weights(query, weights) if i in (DRAVET, NF1)]

    assert BOY_WEIGHT > 0
    assert order(TODAYS_WEIGHTS) == [NF1, DRAVET]
    assert order(replace(TODAYS_WEIGHTS, boy=0.0)) == [DRAVET, NF1]


def test_the_panel_shows_a_name_once_and_at_most_the_limit() -> None:
    # Conditions given one name make one line; given their own names, `limit` lines.
    index = phenotype_index_get()
    family = family_prior_get(index)
    described = description_read(query=DESCRIPTIONS[0])
    read = [s.hpo_id for s in described.signs if not s.negated]
    pks = list(Phenotype.objects.filter(hpo_id__in=read).values_list("id", flat=True))
    parts = description_parts(index, DESCRIPTIONS[0], described.signs, {})
    scores = family_ranking(index, family, pks, [], parts)
    names = {pk: "one name" for pk in index.condition_ids.tolist()}
    assert len(shown_once(scores, family, names, MAX_CONDITIONS)) == 1
    everyone = {pk: str(pk) for pk in index.condition_ids.tolist()}
    assert len(shown_once(scores, family, everyone, 2)) == 2
