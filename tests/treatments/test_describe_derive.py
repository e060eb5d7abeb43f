"""HPO names rewritten the way parents say them, one test per rule (plain Python), then the
rules at work in a phrase table built from HPO 2025-01-16 rows in the database."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from treatments.describe.derive import absent, body_part, delayed, lost, part_quality, qualified
from treatments.describe.lexicon import phrase_table_build
from treatments.describe.recognise import normalise, recognise
from treatments.describe.words import NOT


def test_delayed_x_is_late_or_slow_to_x() -> None:
    """'Delayed ability to walk' -> 'late walk', 'slow walk' and 'behind walk' ('behind with
    walking'); 'Motor delay' -> 'late motor'."""
    assert delayed("Delayed ability to walk") == [
        normalise("late walk"),
        normalise("slow walk"),
        normalise("behind walk"),
    ]
    assert normalise("late motor") in delayed("Motor delay")
    assert delayed("Hypotonia") == []


def test_delayed_x_and_y_gives_each_part() -> None:
    """'Delayed speech and language development' is 'late to talk' ('talk' = 'speech')."""
    phrasings = delayed("Delayed speech and language development")
    assert normalise("late to talk") in phrasings
    assert normalise("slow language") in phrasings


def test_inability_or_absent_x_is_a_negated_x() -> None:
    """'Inability to walk' and 'Absent speech' are NOT + the word: 'can't walk', 'never talked'."""
    assert absent("Inability to walk") == [(NOT, *normalise("walk"))]
    assert absent("Absent speech") == [normalise("never talked")]
    assert absent("Absent speech") == [normalise("she doesn't speak")]
    assert absent("Absent tooth enamel of the molars") == []  # too long to be a parent's words


def test_loss_of_x_is_stopped_x() -> None:
    """'Loss of ability to walk' -> 'stopped walking'."""
    assert lost("Loss of ability to walk") == [normalise("stopped walking")]


def test_a_frequency_or_extent_qualifier_is_dropped() -> None:
    """'Recurrent middle ear infection' -> 'middle ear infection' ('keeps getting ...')."""
    assert qualified("Recurrent middle ear infection") == [normalise("middle ear infection")]
    assert qualified("Chronic diarrhea") == []  # one word: 'Diarrhea' names itself


def test_a_body_parts_muscle_weakness_is_a_weak_body_part() -> None:
    """'Neck muscle weakness' is 'a weak neck', 'Leg muscle stiffness' 'stiff legs' (in any
    order); a name whose first word is no body part keeps its own words."""
    assert part_quality("Neck muscle weakness") == [normalise("weak neck")]
    assert part_quality("Leg muscle stiffness") == [normalise("stiff legs")]
    assert part_quality("Proximal muscle weakness") == []
    assert part_quality("Muscle weakness") == []


def test_abnormality_of_the_x_names_the_body_part() -> None:
    """'Abnormality of the bladder' and 'Abnormal heart morphology' are 'X problems'."""
    assert body_part("Abnormality of the bladder") == "bladder"
    assert body_part("Abnormal heart morphology") == "heart"
    assert body_part("Abnormal morphology of the left ventricle outflow tract") is None


def _read(text: str) -> list[tuple[str, bool]]:
    table = phrase_table_build(include_everyday=False)
    return [(sign.hpo_id, sign.negated) for sign in recognise(text, table)]


@pytest.mark.django_db
def test_parents_milestone_words_read_as_the_hpo_terms() -> None:
    """A parent's sentence finds the terms through the derived phrasings, not only the names."""
    hpo_term_create("HP:0031936", "Delayed ability to walk")
    hpo_term_create("HP:0002540", "Inability to walk")
    hpo_term_create("HP:0001344", "Absent speech")
    hpo_term_create("HP:0002505", "Loss of ambulation", "Loss of ability to walk")
    hpo_term_create("HP:0000014", "Abnormality of the bladder")
    assert _read("he walked late and never talked") == [
        ("HP:0031936", False),
        ("HP:0001344", False),
    ]
    assert _read("at 8 he stopped walking") == [("HP:0002505", False)]
    assert _read("she can't walk, trouble with her bladder") == [
        ("HP:0002540", False),
        ("HP:0000014", False),
    ]


@pytest.mark.django_db
def test_a_body_part_alone_is_not_a_sign() -> None:
    """HPO's 'Mouthing' (Hyperorality) is not read from 'freckles inside his mouth'."""
    hpo_term_create("HP:0000710", "Hyperorality", "Mouthing")
    hpo_term_create("HP:0010798", "Lip freckle")
    assert _read("dark freckles on his lips and inside his mouth") == [("HP:0010798", False)]


@pytest.mark.django_db
def test_a_weak_neck_is_neck_muscle_weakness_not_weakness_alone() -> None:
    """On main "a weak neck" read Asthenia (its HPO synonym "Weakness")."""
    hpo_term_create("HP:0025406", "Asthenia", "Weakness")
    hpo_term_create("HP:0000467", "Neck muscle weakness")
    hpo_term_create("HP:0001324", "Muscle weakness")
    assert _read("floppy baby with a weak neck") == [("HP:0000467", False)]
    assert _read("her neck is weak") == [("HP:0000467", False)]
    assert _read("weak muscles") == [("HP:0001324", False)]
