"""A family's words written in a title's capitals stay a description (review of H39): saying
who ("My Child With ...") is no study's design, so the panel of conditions is kept. On the
small real knowledge base of test_describe_search.py."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.test_describe_search import client  # noqa: F401 (a fixture)
from treatments.describe.selectors import description_read

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("client")]


@pytest.mark.parametrize(
    "query",
    ["My Child With Autism Has Seizures", "My Child With Seizures And Fevers Since Infancy"],
)
def test_title_case_family_words_that_say_who_keep_the_description_panel(query: str) -> None:
    # Was: "Child With" marked a study's title and the description was not read (no panel).
    described = description_read(query=query)
    assert described is not None
    assert "ORPHA:33069" in [c.id for c in described.conditions]  # Dravet syndrome


def test_a_study_title_with_design_words_is_still_no_description() -> None:
    assert description_read(query="A Natural History Study of Children With Seizures") is None


@pytest.mark.parametrize(
    "query",
    [
        "HAIR LOSS AND MOUTH SORES AFTER CHEMOTHERAPY",
        "My Son Has Seizures And Low Muscle Tone After Chemotherapy",
        "MY SON HAS NEUROBLASTOMA AND NEEDS CHEMOTHERAPY",
    ],
)
def test_a_treatment_word_in_a_family_s_capitals_keeps_the_description_panel(query: str) -> None:
    # Review of H40: "chemotherapy" marked a designed study title, and a Title Case or ALL CAPS
    # sentence of five words or more that said it lost its panel. The treatment a trial gives
    # is asked about by families too.
    everyday_terms("HP:0003006")  # Neuroblastoma, a sign HPO names, beside the packets' signs
    described = description_read(query=query)
    assert described is not None
    assert described.signs
