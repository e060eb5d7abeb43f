"""A sign said "all over" (issue 17, W23): "hairy all over", "her skin has gone darker all
over" read HPO's "Generalized X" under the sign (HPO 2025-01-16 terms and links); a sign with
no such term reads as itself, and "all over again" is a way of speaking."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from treatments.describe.derive import generalized
from treatments.describe.lexicon import phrase_table_build
from treatments.describe.recognise import ALL_OVER, normalise, recognise, tokens


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Generalized hypertrichosis", normalise("hypertrichosis")),
        ("Generalised hyperpigmentation", normalise("hyperpigmentation")),
        ("Generalized-onset seizure", None),  # where a seizure starts, not how much of the body
        ("Hypertrichosis", None),
    ],
)
def test_the_sign_a_generalized_name_spreads(name: str, expected: tuple[str, ...] | None) -> None:
    assert generalized(name) == expected


@pytest.mark.parametrize(
    ("text", "all_over"),
    [
        ("a rash all over her body", True),
        ("hairy all over", True),
        ("she cried all over again", False),
        ("her moods are all over the place", False),
    ],
)
def test_all_over_is_one_token_unless_a_way_of_speaking(text: str, all_over: bool) -> None:
    assert (ALL_OVER in [s for s, _ in tokens(text)]) is all_over


def _read(text: str) -> list[str]:
    table = phrase_table_build(include_everyday=False)
    return [sign.hpo_id for sign in recognise(text, table) if not sign.negated]


@pytest.fixture
def spread() -> None:
    """Signs with a generalized child in HPO (each is_a link as HPO 2025-01-16 has it)."""
    hairy = hpo_term_create("HP:0000998", "Hypertrichosis", "Hairy")
    hpo_term_create("HP:0004554", "Generalized hypertrichosis").parents.add(hairy)
    darker = hpo_term_create("HP:0000953", "Hyperpigmentation of the skin", "Skin darker")
    hpo_term_create("HP:0007440", "Generalized hyperpigmentation").parents.add(darker)
    hpo_term_create("HP:0000988", "Skin rash", "Rash")


@pytest.mark.django_db
@pytest.mark.usefixtures("spread")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she is hairy all over", ["HP:0004554"]),
        ("his skin is darker all over", ["HP:0007440"]),
        ("she is hairy", ["HP:0000998"]),
        ("a rash all over", ["HP:0000988"]),  # HPO has no generalized rash
        ("he was hairy, then it came all over again", ["HP:0000998"]),
    ],
)
def test_a_sign_said_all_over_reads_its_generalized_term(text: str, expected: list[str]) -> None:
    assert _read(text) == expected
