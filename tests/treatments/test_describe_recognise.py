"""The sign recogniser on its own (plain Python): stemming, negation, word order, overlaps."""

from __future__ import annotations

from treatments.describe.recognise import (
    Phrase,
    PhraseTable,
    normalise,
    recognise,
    stands_alone,
    stem,
)

# HPO 2025-01-16 ids; the phrases are HPO labels, HPO layperson synonyms and lines of
# treatments/data/everyday_signs.tsv.
TABLE = PhraseTable()
TABLE.extend(
    [
        Phrase(normalise("floppy muscles"), "HP:0001252", 0),
        Phrase(normalise("can't hold head up"), "HP:0002421", 0),
        Phrase(normalise("Seizure"), "HP:0001250", 1),
        Phrase(normalise("no speech"), "HP:0001344", 0),
        Phrase(normalise("Muscle weakness"), "HP:0001324", 1),
        Phrase(normalise("Firm muscles"), "HP:0030090", 1),
        Phrase(normalise("Hold"), "HP:9999999", 4),
        Phrase(normalise("can't look up or down"), "HP:0000511", 0),
        Phrase(normalise("clumsy"), "HP:0002312", 0),
        Phrase(normalise("Dry skin"), "HP:0000958", 1),
        Phrase(normalise("Thin skin"), "HP:0000963", 1),
        Phrase(normalise("blood in urine"), "HP:0000790", 0),
        Phrase(normalise("protein in the urine"), "HP:0000093", 0),
        Phrase(normalise("Reflex seizure"), "HP:0020207", 1),
        Phrase(normalise("loss of reflexes"), "HP:0001284", 0),
    ]
)


def ids(query: str) -> list[tuple[str, bool]]:
    return [(sign.hpo_id, sign.negated) for sign in recognise(query, TABLE)]


def test_a_parents_sentence_names_hypotonia_and_poor_head_control_not_hold() -> None:
    signs = recognise("my baby has floppy muscles and can't hold his head up", TABLE)
    assert [s.hpo_id for s in signs] == ["HP:0001252", "HP:0002421"]
    assert signs[1].words == "can't hold head up"


def test_plurals_and_verb_forms_meet_the_same_stem() -> None:
    assert stem("seizures") == stem("seizure")
    assert stem("losing") == stem("lose") == stem("lost")
    assert ids("he has seizures") == [("HP:0001250", False)]


def test_word_order_does_not_matter_within_a_phrase() -> None:
    assert ids("her muscles are weak") == [("HP:0001324", False)]


def test_a_sign_said_to_be_absent_is_marked_negated() -> None:
    assert ids("no seizures but floppy muscles") == [
        ("HP:0001250", True),
        ("HP:0001252", False),
    ]


def test_a_negated_phrase_of_its_own_is_not_a_negation() -> None:
    assert ids("seizures and no speech") == [("HP:0001250", False), ("HP:0001344", False)]


def test_words_far_apart_do_not_make_a_phrase() -> None:
    assert ids("floppy as a newborn and later his big strong muscles") == []


def test_a_negation_stops_at_a_comma() -> None:
    assert ids("can't look up or down, clumsy") == [("HP:0000511", False), ("HP:0002312", False)]
    assert ids("no seizures, clumsy") == [("HP:0001250", True), ("HP:0002312", False)]


def test_a_phrase_does_not_reach_across_a_comma() -> None:
    assert ids("loss of reflexes, seizures") == [("HP:0001284", False), ("HP:0001250", False)]
    assert ("HP:0020207", False) not in ids("floppy, reflexes, seizures")


def test_adjectives_share_the_word_they_describe() -> None:
    assert ids("dry thin skin") == [("HP:0000958", False), ("HP:0000963", False)]


def test_a_phrase_takes_the_occurrence_another_phrase_left_free() -> None:
    assert ids("blood in his urine, protein in the urine") == [
        ("HP:0000790", False),
        ("HP:0000093", False),
    ]


def test_a_name_that_loses_a_meaningful_word_is_not_a_one_word_phrase() -> None:
    assert not stands_alone("Big baby")  # would read every "big" as large for gestational age
    assert stands_alone("Out-toeing")  # "out" is kept, so it needs both words
    assert stands_alone("very short")
    assert stands_alone("can't talk")
    assert stands_alone("Hernia")
