"""What sets a sign off (issue 17, F22): a sign said with its trigger ("short of breath when he
exercises", "muscles cramp in the cold", "fits with a fever") reads the HPO term that adds the
trigger to it when HPO has one (HPO 2025-01-16 terms and links); else the plain sign, and a
phrase that reads the trigger word already keeps it ("can't keep up with exercise")."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from tests.treatments.phrases import hpo_names_read
from treatments.describe.derive import trigger
from treatments.describe.recognise import normalise


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Exercise-induced muscle cramps", ("exercise", normalise("muscle cramps"))),
        ("Exertional dyspnea", ("exercise", normalise("dyspnea"))),
        ("Cold-induced sweating", ("cold", normalise("sweating"))),
        ("Fever induced seizure", ("fever", normalise("seizure"))),
        ("Muscle cramps on exertion", ("exercise", normalise("muscle cramps"))),
        ("Exercise intolerance", None),
        ("Coldness", None),
    ],
)
def test_the_trigger_a_name_adds_to_a_sign(
    name: str, expected: tuple[str, tuple[str, ...]] | None
) -> None:
    assert trigger(name) == expected


@pytest.fixture
def triggers() -> None:
    """Signs with a trigger child in HPO (each is_a link as HPO 2025-01-16 has it)."""
    dyspnea = hpo_term_create("HP:0002094", "Dyspnea", "Short of breath")
    hpo_term_create("HP:0002875", "Exertional dyspnea").parents.add(dyspnea)
    cramps = hpo_term_create("HP:0003394", "Muscle cramps", "Muscles cramp")
    hpo_term_create("HP:0003449", "Cold-induced muscle cramps").parents.add(cramps)
    seizure = hpo_term_create("HP:0001250", "Seizure", "Fits")
    febrile = hpo_term_create(
        "HP:0032894", "Seizure precipitated by febrile infection", "Fever induced seizure"
    )
    febrile.parents.add(seizure)
    hpo_term_create("HP:0001945", "Fever")
    hpo_term_create("HP:0003546", "Exercise intolerance", "Can't keep up with exercise")
    hpo_term_create("HP:0033850", "Coldness")
    hpo_term_create("HP:0000961", "Cyanosis", "Turns blue")


@pytest.mark.django_db
@pytest.mark.usefixtures("triggers")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he is short of breath when he exercises", ["HP:0002875"]),
        ("short of breath after sports", ["HP:0002875"]),
        ("her muscles cramp in the cold", ["HP:0003449"]),
        ("he has fits with a fever", ["HP:0032894"]),
    ],
)
def test_a_sign_said_with_its_trigger_reads_the_trigger_term(
    text: str, expected: list[str]
) -> None:
    assert hpo_names_read(text) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("triggers")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he is short of breath", ["HP:0002094"]),
        ("he has fits", ["HP:0001250"]),
        ("he has fits and a fever", ["HP:0001250", "HP:0001945"]),  # two signs listed
        ("he can't keep up with exercise", ["HP:0003546"]),
        # The cold is when he turns blue, not a feeling of cold; no HPO term adds it.
        ("he turns blue in the cold", ["HP:0000961"]),
        ("his hands feel cold", ["HP:0033850"]),
    ],
)
def test_without_a_trigger_term_the_plain_sign_reads(text: str, expected: list[str]) -> None:
    assert hpo_names_read(text) == expected
