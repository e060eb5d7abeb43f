"""Readings fixed from the tuning22 descriptions (issue 17, T22): a family's words read as the
sign they name, whatever slips a phone made in them."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import read, table_of
from treatments.describe.selectors import sign_named, signs_for_text
from treatments.describe.words import stem

# HPO 2025-01-16: Seizure and Migraine as curated everyday rows; a word only an HPO name uses.
SLIPS = table_of(
    ("seizures", "HP:0001250", 0),
    ("migraines", "HP:0002076", 0),
    ("wrenching pain", "HP:0012531", 1),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she has siezures", ["HP:0001250"]),  # two letters swapped
        ("gets migranes every week", ["HP:0002076"]),  # a letter dropped
        ("he had seizurres at night", ["HP:0001250"]),  # a letter added
    ],
)
def test_a_phone_slip_in_an_everyday_sign_word_is_read_as_the_word(
    query: str, expected: list[str]
) -> None:
    assert read(query, SLIPS) == expected


@pytest.mark.parametrize(
    "query",
    [
        "she came home drenching wet with pain in her feet",  # only HPO's "wrenching" is near
        "he has sezurs",  # two slips away
    ],
)
def test_a_word_is_not_mended_into_a_word_it_was_not_typed_for(query: str) -> None:
    assert "HP:0012531" not in read(query, SLIPS)
    assert "HP:0001250" not in read(query, SLIPS)


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("shortest", "shorter", "short"), "short"),
        (("weakest", "weaker", "weak"), "weak"),
        (("failed", "failing", "fails", "failure"), "failure"),
        (("kg", "kilos", "lbs", "weight"), "weight"),
        (("jiggle", "jiggles", "wobbly"), "wobble"),
    ],
)
def test_words_for_one_thing_meet_on_one_stem(words: tuple[str, ...], same: str) -> None:
    assert {stem(word) for word in words} == {same}


# HPO 2025-01-16: Short stature ("short", its layperson synonym), Hepatic failure (its HPO
# synonym "Liver failure"), Weight loss (HPO's "Loss of weight"), Nystagmus ("eyes wobble", a
# line of everyday_signs.tsv).
WORDS = table_of(
    ("short", "HP:0004322", 0),
    ("liver failure", "HP:0001399", 3),
    ("loss of weight", "HP:0001824", 3),
    ("eyes wobble", "HP:0000639", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she is the shortest in her class", ["HP:0004322"]),
        ("last year her liver suddenly failed", ["HP:0001399"]),
        ("she lost 10 kg without trying", ["HP:0001824"]),
        ("his eyes jiggle", ["HP:0000639"]),
    ],
)
def test_a_sign_is_read_whatever_word_form_says_it(query: str, expected: list[str]) -> None:
    assert read(query, WORDS) == expected


# The T22 rows, read through the real phrase table (HPO 2025-01-16 terms of every row of the
# file); none of these words was read as its sign before.
READINGS = {
    "milky discharge from my nipples": "HP:0100829",
    "milk leaking from her breasts": "HP:0100829",
    "she cant see well in the dark": "HP:0000662",
    "her eyebrows join in the middle": "HP:0000664",
    "the scrotum is split in two": "HP:0000048",
    "no interest in sex": "HP:0046504",
    "he cant stand light": "HP:0000613",
    "she sees floaters all the time": "HP:0100832",
    "hes chubby around the tummy": "HP:0012743",
    "one side is weaker": "HP:0001269",
    "a purple lacy pattern on her skin": "HP:0033832",
    "hardly any eyebrows": "HP:0045075",
    "his eyesight is going": "HP:0000572",
    "she hardly sleeps": "HP:0002360",
    "pain at the top of her stomach under the ribs": "HP:0410019",
    "he cant get erections": "HP:0100639",
    "has a big round nose": "HP:0000414",
}


@pytest.mark.django_db
def test_a_familys_words_read_as_the_sign_they_name() -> None:
    everyday_terms()
    for query, hpo_id in READINGS.items():
        assert hpo_id in [s.hpo_id for s in signs_for_text(text=query)], query


# HPO 2025-01-16: Vitreous floaters (its synonym "Spots in front of eyes"), Preauricular pit
# (its synonym "Pit in front of the ear").
PLACES = table_of(
    ("spots in front of eyes", "HP:0100832", 3),
    ("pit in front of the ear", "HP:0004467", 3),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she sees spots in front of her eyes", ["HP:0100832"]),
        ("a little pit in front of his ear", ["HP:0004467"]),
        ("a white cloudy spot on the front of the eye", []),
        ("grey spots in the front of both eyes", []),
    ],
)
def test_in_front_of_places_a_thing_before_another_not_on_its_front(
    query: str, expected: list[str]
) -> None:
    assert read(query, PLACES) == expected


@pytest.mark.django_db
def test_a_slip_alone_is_left_to_the_spelling_correction() -> None:
    everyday_terms()
    # A short query is no description: the search's spelling correction, which knows the
    # names of conditions too ("spinal muscullar atrophy"), reads it, not the sign reader.
    assert sign_named("siezures") is None
    assert "HP:0001250" in [s.hpo_id for s in signs_for_text(text="he has siezures")]
