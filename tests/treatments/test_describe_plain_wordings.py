"""Wordings of signs families use that no reader read (issue 17): "eyes wide apart"
(HPO's "Widely spaced eyes"), words or stairs that are "hard", "slow to learn"; and the
sentences near them that still say no such sign."""

from __future__ import annotations

import pytest

from knowledge.models import Phenotype, PhenotypeSynonym
from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads
from treatments.describe.lexicon import phrase_table_clear
from treatments.describe.recognise import normalise

HYPERTELORISM = "HP:0000316"
WIDELY_SPACED_TEETH = "HP:0000687"
COLOR_VISION_DEFECT = "HP:0000551"
ARTICULATION = "HP:0009088"
STAIRS = "HP:0003551"
INTELLECTUAL_DISABILITY = "HP:0001249"


def test_apart_is_what_hpo_calls_spaced() -> None:
    assert normalise("eyes wide apart") == normalise("eyes widely spaced")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "hpo_id"),
    [
        ("our baby has a big head, eyes wide apart, hes floppy", HYPERTELORISM),
        ("her teeth are wide apart", WIDELY_SPACED_TEETH),
    ],
)
def test_parts_wide_apart_are_widely_spaced(text: str, hpo_id: str) -> None:
    everyday_terms()
    assert hpo_id in site_reads(text)
    # The rows said with "apart" still read as they did.
    assert HYPERTELORISM in site_reads("his eyes are far apart")
    assert COLOR_VISION_DEFECT in site_reads("he can't tell colours apart")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "hpo_id"),
    [
        ("some words are hard for her to say", ARTICULATION),
        ("I cant lift my feet up, stairs are hard", STAIRS),
    ],
)
def test_words_or_stairs_that_are_hard_are_read(text: str, hpo_id: str) -> None:
    everyday_terms()
    assert hpo_id in site_reads(text)
    # Not any "say" and "hard" in one sentence.
    doctors = "the doctors say it is hard to understand why she has seizures"
    assert ARTICULATION not in site_reads(doctors)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "our boy is short and slow to learn",
        "hes a slow learner and deaf",
        "learning is slow for him and he doesnt hear well",
    ],
)
def test_slow_learning_is_read_only_of_learning(text: str) -> None:
    everyday_terms()
    assert INTELLECTUAL_DISABILITY in site_reads(text)
    # A slow step learned is the step's delay, not slow learning.
    assert INTELLECTUAL_DISABILITY not in site_reads("she is learning to walk slowly")
    assert INTELLECTUAL_DISABILITY not in site_reads("learning to sit up slowly")


@pytest.mark.django_db
def test_behind_with_a_milestone_is_its_delay() -> None:
    """HPO's "Delayed X" is also said "behind with X"; "behind" a body part places a thing."""
    everyday_terms("HP:0031936", "HP:0000750", "HP:0000684")
    teeth = Phenotype.objects.get(hpo_id="HP:0000684")
    PhenotypeSynonym.objects.create(
        phenotype=teeth, text="Delayed dental development", scope="EXACT"
    )
    phrase_table_clear()
    assert site_reads("shes way behind with talking") == ["HP:0000750"]
    assert set(site_reads("behind with walking and talking")) == {"HP:0031936", "HP:0000750"}
    assert "HP:0000684" not in site_reads("food gets stuck behind his teeth")


@pytest.mark.django_db
def test_signs_said_with_a_verb_are_read_only_of_the_part() -> None:
    """ "her heart pounds", "the doctor hears a murmur", "worries about everything"; a person who
    murmurs, or a heart defect beside a weight in pounds, says no such sign."""
    everyday_terms()
    said = "her heart pounds, the doctor hears a murmur and she worries about everything"
    assert {"HP:0001962", "HP:0030148", "HP:0000739"} <= set(site_reads(said))
    assert "HP:0030148" not in site_reads("she murmurs in her sleep and hears voices")
    assert "HP:0001962" not in site_reads("born with a heart defect and 5 pounds")


@pytest.mark.django_db
def test_night_peeing_and_teeth_full_of_holes_are_read() -> None:
    """Nocturia and Carious teeth in a family's words; holes in socks are no caries."""
    everyday_terms()
    assert "HP:0000017" in site_reads("drinks gallons of water, up every night to pee")
    assert "HP:0000670" in site_reads("his teeth are crumbly and full of holes")
    assert "HP:0000670" not in site_reads("his socks are full of holes")
