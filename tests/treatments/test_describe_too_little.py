"""Too little of a thing, as families say it (issue 17, W26): "hardly any hair", "very few
teeth", "barely talks", "hardly sweats" meet HPO's "Sparse hair", "Reduced number of teeth",
"Poor speech", "Decreased sweating" on one token (FEW), while a denial ("no seizures") and a
few of something ("a few seizures", "the last few years") say no such thing."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms, hpo_term_create
from tests.treatments.phrases import hpo_names_read, site_reads
from treatments.describe.derive import too_little
from treatments.describe.lexicon import phrase_table_build
from treatments.describe.recognise import normalise, recognise
from treatments.describe.scan import tokens
from treatments.describe.words import FEW


def test_decreased_reduced_or_poor_x_is_too_little_x() -> None:
    """HPO's heads of too little, before or after the thing, read as FEW + the thing."""
    assert too_little("Decreased sweating") == [(FEW, *normalise("sweat"))]
    assert too_little("Sweating, decreased") == [(FEW, *normalise("sweat"))]
    assert too_little("Poor appetite") == [(FEW, *normalise("appetite"))]
    assert too_little("Reduced number of teeth") == [(FEW, *normalise("teeth"))]
    assert too_little("Hypotonia") == []


def test_how_a_name_measures_the_thing_is_left_out_as_a_family_leaves_it() -> None:
    """ "Decreased urine output" is "hardly pees", "Decreased blink rate" "barely blinks"."""
    assert (FEW, *normalise("pee")) in too_little("Decreased urine output")
    assert (FEW, *normalise("blinks")) in too_little("Decreased blink rate")


def test_a_name_whose_one_letter_word_carries_it_gives_no_phrasing() -> None:
    """ "Decreased T cell count" is no "hardly any cells": the stems drop the "T"."""
    assert too_little("Decreased T cell count") == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("hardly any hair", "hardly"),
        ("she barely talks", "barely"),
        ("her hair is sparse", "sparse"),
        ("very few teeth", "very few"),
        ("only a few eyelashes", "only a few"),
        ("he only says a few words", "a few"),
        ("very little hair", "very little"),
        ("little or no hair", "little or no"),
        ("not much hair", "not much"),
        ("almost no hair", "almost no"),
    ],
)
def test_words_of_too_little_are_one_token(text: str, said: str) -> None:
    assert (FEW, said) in tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "a few seizures",  # some, not too few
        "for the last few years she has been unsteady",  # when
        "every few weeks he gets a fever",
        "a little hair on his back",
        "his little finger is bent",
        "no hair",  # none: Absent hair, NOT
    ],
)
def test_some_or_when_is_not_too_little(text: str) -> None:
    assert FEW not in [stem for stem, _ in tokens(text)]


def _read(text: str) -> list[tuple[str, bool]]:
    table = phrase_table_build(include_everyday=False)
    return [(sign.hpo_id, sign.negated) for sign in recognise(text, table)]


@pytest.mark.django_db
def test_hardly_sweats_is_too_little_sweating_not_sweating() -> None:
    """On main "he hardly sweats" read Hyperhidrosis (its synonym "Sweating")."""
    hpo_term_create("HP:0000975", "Hyperhidrosis", "Sweating", "Excessive sweating")
    hpo_term_create("HP:0000966", "Hypohidrosis", "Decreased sweating", "Sweating, decreased")
    assert _read("he hardly sweats and gets hot") == [("HP:0000966", False)]
    assert _read("he sweats a lot") == [("HP:0000975", False)]


@pytest.mark.django_db
def test_too_little_of_a_thing_reads_the_hpo_name_that_says_so() -> None:
    """Each read nothing on main ("hardly" was the stem "hard", "little" filler)."""
    hpo_term_create("HP:0008070", "Sparse hair", "Hypotrichosis")
    hpo_term_create("HP:0001558", "Decreased fetal movement", "Reduced fetal movements")
    hpo_term_create("HP:0004396", "Poor appetite", "Decreased appetite")
    assert _read("my son has very little hair") == [("HP:0008070", False)]
    assert _read("hardly any hair on her head") == [("HP:0008070", False)]
    assert _read("very few fetal movements in pregnancy") == [("HP:0001558", False)]
    assert _read("she has hardly any appetite") == [("HP:0004396", False)]
    assert _read("almost no hair on his head") == [("HP:0008070", False)]


@pytest.mark.django_db
def test_too_little_says_so_of_the_word_next_to_it() -> None:
    """ "hardly ever complains about his hair" is no Sparse hair (read so before the closeness
    check); "her hair is sparse" and "he hardly ever sweats" still are."""
    hpo_term_create("HP:0008070", "Sparse hair")
    hpo_term_create("HP:0000966", "Hypohidrosis", "Decreased sweating")
    assert _read("he hardly ever complains about his hair") == []
    assert _read("her hair is sparse") == [("HP:0008070", False)]
    assert _read("he hardly ever sweats") == [("HP:0000966", False)]


@pytest.mark.django_db
def test_denials_are_still_denied_and_a_few_is_still_there() -> None:
    """No "Absent seizure" or "Sparse seizure" exists: "no seizures" stays a denial, and "a
    few seizures" or "hardly any seizures now" still says there are seizures."""
    hpo_term_create("HP:0001250", "Seizure", "Seizures", "Fits")
    hpo_term_create("HP:0001945", "Fever")
    hpo_term_create("HP:0002223", "Absent eyebrow")
    assert set(_read("no seizures and no eyebrows")) == {
        ("HP:0001250", True),
        ("HP:0002223", False),
    }
    assert _read("he doesn't have fits") == [("HP:0001250", True)]
    assert _read("never had a fever") == [("HP:0001945", True)]
    assert _read("she had a few seizures") == [("HP:0001250", False)]
    assert hpo_names_read("hardly any seizures now") == ["HP:0001250"]


@pytest.mark.django_db
def test_barely_growing_and_not_hungry_are_read_by_their_rows() -> None:
    """HPO's "Poor growth" and "Anorexia" (the loss of appetite) in a family's words; on main
    "not hungry" read only a denied Polyphagia ("always hungry")."""
    everyday_terms()
    assert site_reads("he is barely growing") == ["HP:0001510"]
    assert site_reads("she is not hungry") == ["HP:0002039"]
    assert site_reads("she is always hungry") == ["HP:0002591"]
