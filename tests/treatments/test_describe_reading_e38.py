"""Readings fixed in the thirty-third session (issue 17, E38). A measure after a subject joined
to "is" ("her temperature's high every night") is the subject's, as after "is"; a milestone
not reached "yet" is late; "hes weak" names the sign "weak" names. The rows stand for curated
everyday phrasings and HPO names (HPO 2025-01-16 ids)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import read, table_of
from treatments.describe.selectors import sign_named

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


def test_a_possessive_its_before_a_measure_is_attributive() -> None:
    # "its big toe": the toe is big; "its" is no "it's" ("it is big").
    assert read("its big toe is bent", MEASURED) == ["HP:0001844"]


MILESTONES = table_of(
    ("late talking", "HP:0000750", 0),  # stands for Delayed speech and language development
    ("late walking", "HP:0031936", 0),  # stands for Delayed ability to walk
    ("not talking", "HP:0001344", 0),  # stands for Absent speech
    ("not walking", "HP:0002540", 0),  # stands for Inability to walk
    ("not sitting", "HP:0001256", 0),  # a row built for this test: absent sitting
    ("late sitting", "HP:0025336", 0),  # stands for Delayed ability to sit
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hes 3 and not talking or walking yet", ["HP:0000750", "HP:0031936"]),
        ("my son is 3 and not walking yet", ["HP:0031936"]),
        ("he is 2 and not yet walking", ["HP:0031936"]),
        # A bare age is years: at 10 walking is late (was read as 10 months, on time: nothing).
        ("she is 10 and not walking yet", ["HP:0031936"]),
        ("she hasnt started talking yet", ["HP:0000750"]),
        ("3 yr old boy not talking yet and walked late", ["HP:0000750", "HP:0031936"]),
    ],
)
def test_a_milestone_not_reached_yet_is_late(query: str, expected: list[str]) -> None:
    assert sorted(read(query, MILESTONES)) == sorted(expected)


def test_a_milestone_not_reached_at_all_is_still_absent() -> None:
    assert read("he is 7 and still not walking", MILESTONES) == ["HP:0002540"]


@pytest.mark.parametrize(
    "query",
    [
        # Sitting comes by 9 months: at 6 months it is on time, neither late nor absent.
        "she is 6 months and not sitting yet",
        # Was: Inability to walk and Absent speech, the severe reading of the plain negation.
        "my daughter is 10 months old and not walking yet",
        "he is 18 months and not talking yet",
        "she is 8 weeks old and not sitting yet",
        "a 10-month-old not walking yet",
    ],
)
def test_a_milestone_not_reached_yet_within_its_norm_reads_nothing(query: str) -> None:
    assert read(query, MILESTONES) == []


def test_only_the_subjects_age_sets_the_norm() -> None:
    # Was: Inability to walk ("2 months" was taken for the child's age, within the norm).
    assert read("he had surgery at 2 months, he is 3 now and not walking yet", MILESTONES) == [
        "HP:0031936"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "he is 20 months and not walking or talking yet",
        "he is 20 months and not talking or walking yet",
    ],
)
def test_each_milestone_not_reached_yet_has_its_own_norm(query: str) -> None:
    # Walking is late at 20 months (15), talking is not (24): was both late.
    assert read(query, MILESTONES) == ["HP:0031936"]


@pytest.mark.django_db
def test_a_pronoun_and_its_verb_add_nothing_to_the_sign_a_word_names() -> None:
    everyday_terms()
    # The curated row "weak" (Muscle weakness, MedlinePlus) and "floppy" (Hypotonia).
    assert sign_named("hes weak") == sign_named("weak") == "HP:0001324"
    assert sign_named("shes floppy") == "HP:0001252"
    # The name HES (hypereosinophilic syndrome) before a noun, or typed in capitals, stays one.
    assert sign_named("HES weak") is None
    assert sign_named("hes muscles") is None
