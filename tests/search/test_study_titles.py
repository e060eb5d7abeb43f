"""Which pasted texts read as a study's title, and the names such a title gives its condition."""

from __future__ import annotations

import pytest

from search.study_titles import is_study_title, study_title_names


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "PMS-001: An Open-Label Study of Oral NNZ-2591 in Phelan-McDermid Syndrome",
            "phelan mcdermid syndrome",
        ),
        (
            "Study of Dupilumab and Immune Responses in Adults With Atopic Dermatitis (AD)",
            "atopic dermatitis",
        ),
        (
            "A Randomized, Double-Blind, Placebo-Controlled, Study Investigating Vaccine "
            "Responses in Adults With Moderate to Severe Atopic Dermatitis Treated With Dupilumab",
            "atopic dermatitis",
        ),
        (
            "dupilumab vaccine response study in adults with atopic dermatitis - ClinicalTrials.gov",
            "atopic dermatitis",
        ),
    ],
)
def test_a_study_title_names_its_condition_after_in_or_with(title: str, name: str) -> None:
    assert is_study_title(title)
    assert name in study_title_names(title)
    assert "adults" not in study_title_names(title)


@pytest.mark.parametrize(
    "text",
    [
        "my son has seizures and no speech and was in a study",
        "Alternative Treatment of Deep Carious Lesions Based on Biological Evidences",
        "Phelan-McDermid syndrome",
        "trials for dravet syndrome",
    ],
)
def test_other_text_is_not_a_study_title(text: str) -> None:
    assert not is_study_title(text)
    assert study_title_names(text) == []
