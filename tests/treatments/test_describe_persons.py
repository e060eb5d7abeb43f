"""Who a family describes: sex and the latest onset class, from the words families use."""

from __future__ import annotations

import pytest

from treatments.describe.persons import Person, described_person


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my daughter has seizures", Person("female", None)),
        ("he falls a lot and his calves are big", Person("male", None)),
        ("my son and his sister both have rashes", Person(None, None)),  # two people: unsaid
        # A relative's clause says nothing of the person described (F22).
        ("he is floppy, his sister had seizures at 30", Person("male", None)),
        ("my daughter is floppy and my dad was born with a big head", Person("female", None)),
        ("born with no opening for his bottom", Person("male", "neonatal")),
        ("floppy since birth, weak cry", Person(None, "neonatal")),
        ("our baby is losing skills", Person(None, "infancy")),
        ("poor suck as a baby and she tires", Person("female", "infancy")),
        ("a 3 month old who stops breathing", Person(None, "infancy")),
        ("she was fine, then at 4 months she stopped smiling", Person("female", "infancy")),
        ("he lost his words at 4", Person("male", "childhood")),
        ("our 8 year old has headaches", Person(None, "adolescent")),
        ("toddler with rickets", Person(None, "childhood")),
        # Not an age: baby teeth, a period of weeks, a teenager (any onset up to now).
        ("his baby teeth fell out early", Person("male", None)),
        ("every 3 weeks she gets fevers", Person("female", None)),
        ("my teenager falls asleep all day", Person(None, None)),
        # The earliest age given bounds the onset.
        ("born small, at 9 he had gallstones", Person("male", "neonatal")),
    ],
)
def test_the_person_a_description_names(text: str, expected: Person) -> None:
    assert described_person(text) == expected
