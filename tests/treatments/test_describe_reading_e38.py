"""Readings fixed in the thirty-third session (issue 17, E38). A measure after a subject joined
to "is" ("her temperature's high every night") is the subject's, as after "is". The rows stand
for curated everyday phrasings and HPO names (HPO 2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

MEASURED = table_of(
    ("high temperature", "HP:0001945", 0),  # stands for Fever
    ("low sugar", "HP:0001943", 0),  # stands for Hypoglycemia
    ("big head", "HP:0000256", 0),  # stands for Macrocephaly
    ("big toe bent", "HP:0001844", 0),  # stands for Abnormal hallux morphology
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("her temperature's high every night", "HP:0001945"),
        ("her temperature's very high every night", "HP:0001945"),
        ("his sugar's low every morning", "HP:0001943"),
        ("his head's big compared to other kids", "HP:0000256"),
    ],
)
def test_a_measure_after_a_subject_joined_to_is_is_the_subjects(query: str, expected: str) -> None:
    assert read(query, MEASURED) == [expected]


@pytest.mark.parametrize(
    "query", ["my son's big toe is bent", "her brother's big toe is bent", "jack's big toe is bent"]
)
def test_a_persons_possessive_before_a_measure_is_still_an_owner(query: str) -> None:
    # "son's big toe": the toe is big, not the son.
    assert read(query, MEASURED) == ["HP:0001844"]
