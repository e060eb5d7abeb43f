"""The sign recogniser on its own (plain Python): stemming, negation, word order, overlaps."""

from __future__ import annotations

from tests.treatments.phrases import table_of
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
TABLE = table_of(
    ("floppy muscles", "HP:0001252", 0),
    ("can't hold head up", "HP:0002421", 0),
    ("Seizure", "HP:0001250", 1),
    ("no speech", "HP:0001344", 0),
    ("Muscle weakness", "HP:0001324", 1),
    ("Firm muscles", "HP:0030090", 1),
    ("Hold", "HP:9999999", 4),
    ("can't look up or down", "HP:0000511", 0),
    ("clumsy", "HP:0002312", 0),
    ("Dry skin", "HP:0000958", 1),
    ("Thin skin", "HP:0000963", 1),
    ("blood in urine", "HP:0000790", 0),
    ("protein in the urine", "HP:0000093", 0),
    ("Reflex seizure", "HP:0020207", 1),
    ("loss of reflexes", "HP:0001284", 0),
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


# Third session: the body part + finding pattern, clause breaks, place words (HPO 2025-01-16).
MORE = table_of(
    ("Hand tremor", "HP:0002378", 1),
    ("weak legs", "HP:0007340", 0),
    ("cloudy eyes", "HP:0007957", 0),
    ("Large hands", "HP:0001176", 1),
    ("temper tantrums", "HP:0025160", 0),
    ("Soft skin", "HP:0000977", 1),
    ("lumps under the skin", "HP:0001482", 0),
    ("Dry skin", "HP:0000958", 1),
    ("Thin skin", "HP:0000963", 1),
    ("Joint dislocation", "HP:0001373", 1),
    ("Joint pain", "HP:0002829", 2),
)


def more(query: str) -> list[str]:
    return [sign.hpo_id for sign in recognise(query, MORE)]


def test_a_body_part_then_what_it_does_reads_as_the_sign() -> None:
    """'her hands shake', 'his legs are weak', 'eyes look cloudy' (verb forms, any order)."""
    assert more("her hands shake") == ["HP:0002378"]
    assert more("his legs are weak and his eyes look cloudy") == ["HP:0007340", "HP:0007957"]


def test_and_with_a_verb_starts_a_new_clause() -> None:
    """'bites her hands and has big tantrums' is not 'large hands'."""
    assert more("she bites her hands and has big tantrums") == []
    assert more("big hands and big feet") == ["HP:0001176"]


def test_a_word_after_a_place_word_is_not_shared_by_two_signs() -> None:
    """'soft lumps on the skin' are lumps, not soft skin; 'dry thin skin' is both."""
    assert more("soft lumps on the skin") == ["HP:0001482"]
    assert more("dry thin skin") == ["HP:0000958", "HP:0000963"]


def test_plain_words_meet_the_medical_ones() -> None:
    """'joints that dislocate' and 'sore joints' reach HPO's 'Joint dislocation', 'Joint pain'."""
    assert more("joints that dislocate") == ["HP:0001373"]
    assert more("sore joints") == ["HP:0002829"]


def test_a_negation_belongs_to_the_word_right_after_it() -> None:
    """In 'not gaining weight and his sweat is salty', the 'not' is no 'can't sweat'."""
    table = table_of(
        ("can't sweat", "HP:0000966", 0),
        ("not gaining weight", "HP:0001508", 0),
        ("salty sweat", "HP:0012236", 0),
    )
    found = [s.hpo_id for s in recognise("he is not gaining weight and his sweat is salty", table)]
    assert found == ["HP:0001508", "HP:0012236"]
    assert [s.hpo_id for s in recognise("he can't sweat", table)] == ["HP:0000966"]


def test_ches_plurals_meet_their_singular() -> None:
    """'patches' = 'patch' and 'twitches' = 'twitch'; 'headaches' keeps 'headache'."""
    assert stem("patches") == stem("patch")
    assert stem("twitches") == stem("twitch")
    assert stem("headaches") == stem("headache")


def test_verb_forms_and_plurals_parents_use_meet_one_stem() -> None:
    """'curved' = 'curves', 'bruises' = 'bruising' = 'bruise', 'sat' = 'sit', 'loss' = 'lost',
    'calves' = 'calf', 'easily' = 'easy'; 'early' is not 'ear'."""
    assert stem("curved") == stem("curves") == stem("curving")
    assert stem("bruises") == stem("bruising") == stem("bruise")
    assert stem("sat") == stem("sitting")
    assert stem("loss") == stem("lost") == stem("losing")
    assert stem("calves") == stem("calf")
    assert stem("easily") == stem("easy")
    assert stem("early") != stem("ear")


def test_plain_words_for_problems_and_poor_meet_the_hpo_ones() -> None:
    """'trouble' = 'problems' = 'difficulties'; 'poor' = 'low' = 'decreased'."""
    assert stem("trouble") == stem("problems") == stem("difficulties")
    assert stem("poor") == stem("decreased") == stem("low")


def test_a_word_before_and_is_shared_by_both_signs() -> None:
    """'trouble breathing and feeding' names both; 'weak arms and legs' names both limbs."""
    table = table_of(
        ("trouble feeding", "HP:0011968", 0),
        ("Trouble breathing", "HP:0002094", 2),
        ("weak arms", "HP:0003484", 0),
        ("weak legs", "HP:0007340", 0),
    )
    found = [s.hpo_id for s in recognise("trouble breathing and feeding", table)]
    assert sorted(found) == ["HP:0002094", "HP:0011968"]
    found = [s.hpo_id for s in recognise("weak arms and legs", table)]
    assert sorted(found) == ["HP:0003484", "HP:0007340"]
    # Without "and" the first word stays with one phrase.
    assert len(recognise("trouble breathing feeding", table)) == 1


def test_broad_wide_and_a_parents_y_words_meet_the_hpo_ones() -> None:
    """'wide' = 'broad', 'droopy' = 'drooping', 'scaly' = 'scaling', 'flattened' = 'flat'."""
    assert stem("wide") == stem("broad") == stem("widened")
    assert stem("droopy") == stem("drooping")
    assert stem("scaly") == stem("scaling")
    assert stem("flattened") == stem("flat")
    assert stem("stiffened") == stem("stiff")


def test_and_joins_across_filler_words() -> None:
    """'seizures in a hot bath and with fevers': 'with' after 'and' does not stop the word
    before 'and' from being shared, so the fevers are read as fever-induced seizures."""
    table = table_of(
        ("Hot water-induced seizure", "HP:0020209", 1),
        ("seizures in a hot bath", "HP:0020209", 0),
        ("seizures with fever", "HP:0002373", 0),
        ("fevers", "HP:0001954", 0),
    )
    found = [s.hpo_id for s in recognise("seizures in hot bath and with fevers", table)]
    assert found == ["HP:0020209", "HP:0002373"]


def test_a_phrase_does_not_skip_both_sides_of_and() -> None:
    """'missing teeth and patchy hair' is not 'missing hair'; 'learning disability and eye
    problems' is not 'learning problems'; 'elbows and ankles are stiff' is still both."""
    table = table_of(
        ("missing teeth", "HP:0009804", 0),
        ("missing hair", "HP:0002298", 0),
        ("learning disability", "HP:0001249", 0),
        ("learning problems", "HP:0001328", 0),
        ("eye problems", "HP:0000478", 4),
        ("Stiff elbow", "HP:0025259", 1),
        ("Stiff ankle", "HP:0034673", 1),
    )
    assert [s.hpo_id for s in recognise("missing teeth and patchy hair", table)] == ["HP:0009804"]
    found = [s.hpo_id for s in recognise("learning disability and eye problems", table)]
    assert found == ["HP:0001249", "HP:0000478"]
    found = [s.hpo_id for s in recognise("his elbows and ankles are stiff", table)]
    assert sorted(found) == ["HP:0025259", "HP:0034673"]


def test_a_word_before_a_person_describes_the_person() -> None:
    """'a short boy with a wide neck' is short stature and a broad neck, not a short neck."""
    table = table_of(
        ("short", "HP:0004322", 0),
        ("Short neck", "HP:0000470", 1),
        ("Broad neck", "HP:0000475", 1),
    )
    found = [s.hpo_id for s in recognise("short boy with a wide neck", table)]
    assert found == ["HP:0004322", "HP:0000475"]
    assert [s.hpo_id for s in recognise("short wide neck", table)] == [
        "HP:0000470",
        "HP:0000475",
    ]


def test_two_things_joined_by_and_share_what_is_said_of_both() -> None:
    """'her eyelids and lips are turned out' names both; 'feeding problems and a big head' is
    not 'problems head' (only a shared tail of two or more words)."""
    table = table_of(
        ("eyelids turned out", "HP:0000656", 0),
        ("lips turned out", "HP:0012472", 0),
        ("feeding problems", "HP:0011968", 0),
        ("big head", "HP:0000256", 0),
        ("head problems", "HP:0000234", 4),
    )
    found = [s.hpo_id for s in recognise("her eyelids and lips are turned out", table)]
    assert sorted(found) == ["HP:0000656", "HP:0012472"]
    found = [s.hpo_id for s in recognise("feeding problems as a baby and a big head", table)]
    assert found == ["HP:0011968", "HP:0000256"]


def test_words_in_a_names_own_order_are_read_first() -> None:
    """'a triangular face with a big forehead' is a triangular face and a big forehead, not
    a big face (which 'her face is big' still is)."""
    table = table_of(
        ("Large face", "HP:0100729", 1),
        ("Triangular face", "HP:0000325", 1),
        ("Large forehead", "HP:0002003", 1),
    )
    found = [s.hpo_id for s in recognise("a triangular face with a big forehead", table)]
    assert found == ["HP:0000325", "HP:0002003"]
    assert [s.hpo_id for s in recognise("her face is big", table)] == ["HP:0100729"]


def test_and_with_a_new_subject_starts_a_new_clause() -> None:
    """'his legs are thin and weak and he trips over his own feet': the feet are not weak."""
    table = table_of(
        ("weak feet", "HP:0002460", 0),
        ("trips over his feet", "HP:0009027", 0),
    )
    query = "his legs are thin and weak and he trips over his own feet"
    assert [s.hpo_id for s in recognise(query, table)] == ["HP:0009027"]


# HPO 2025-01-16 labels the thirteenth session's word forms are read into.
FORMS = table_of(
    ("Constipation", "HP:0002019", 1),
    ("Anemia", "HP:0001903", 1),
    ("Lethargy", "HP:0001254", 1),
    ("Abdominal pain", "HP:0002027", 1),
    ("Abdominal swelling", "HP:0003270", 2),
    ("Diarrhea", "HP:0002014", 1),
    ("runny poo", "HP:0002014", 0),
    ("Pain", "HP:0012531", 1),
    ("Hypoplastic left heart", "HP:0004383", 1),
    ("Recurrent urinary tract infections", "HP:0000010", 1),
    ("Class", "HP:9999998", 4),
)


def positive_ids(query: str, table: PhraseTable) -> list[str]:
    """The signs read as present, in order."""
    return [sign.hpo_id for sign in recognise(query, table) if not sign.negated]


def form_ids(query: str) -> list[str]:
    return positive_ids(query, FORMS)


def test_a_signs_verb_form_reads_as_its_noun() -> None:
    # "constipated" is HPO's Constipation, "infected" its infection (issue 17, session13).
    assert form_ids("she is constipated") == ["HP:0002019"]
    assert stem("infected") == stem("infection") == stem("infections")
    assert stem("rotated") == stem("rotation")
    # A verb whose letter before "-ated" is a vowel keeps its own stem.
    assert stem("repeated") == stem("repeat")
    assert stem("sweating") == stem("sweat")


def test_a_signs_adjective_reads_as_its_noun() -> None:
    assert form_ids("pale and anemic") == ["HP:0001903"]
    assert form_ids("very lethargic") == ["HP:0001254"]
    assert stem("ataxic") == stem("ataxia")
    assert stem("hypotonic") == stem("hypotonia")
    assert stem("neuropathic") == stem("neuropathy")
    assert stem("epileptic") == stem("epilepsy")
    # Only medical endings: "classic" is not "class", "music" is no sign.
    assert form_ids("classic signs") == []
    assert stem("music") == "music"


def test_tummy_is_the_abdomen_of_hpos_names() -> None:
    # "tummy pain" read only Pain on main: "tummy" stopped at "belly", whose own stem is the
    # abdomen's.
    assert form_ids("tummy pain") == ["HP:0002027"]
    assert form_ids("a swollen tummy") == ["HP:0003270"]


def test_the_everyday_words_own_plurals_meet_their_stem() -> None:
    assert form_ids("runny poos") == ["HP:0002014"]
    assert stem("wees") == stem("wee") == stem("urine")
    assert stem("tummies") == stem("tummy")


def test_struggle_is_a_difficulty_and_sweaty_is_sweating() -> None:
    # "struggles to feed" is HPO's "Feeding difficulties"; "sweaty" its "Sweating".
    assert stem("struggles") == stem("struggling") == stem("difficulty")
    assert stem("sweaty") == stem("sweating")


def test_a_body_parts_adjective_and_a_signs_gerund_meet_the_nouns_a_family_uses() -> None:
    # "freckles on his penis" read only Freckling on main: HPO says "Penile freckling".
    table = table_of(
        ("Penile freckling", "HP:0031447", 1),
        ("freckles", "HP:0001480", 0),
    )
    assert positive_ids("big head, freckles on his penis", table) == ["HP:0031447"]
    assert positive_ids("freckles on her face", table) == ["HP:0001480"]
    assert stem("penile") == stem("penis")
    assert stem("freckling") == stem("freckled") == stem("freckles")


def test_a_lot_is_part_of_what_a_phrase_says() -> None:
    # "laughs a lot" was read from any "laughs" on main ("a lot" was filler): "when she laughs
    # her knees give way" is no Inappropriate laughter, "he drinks milk" no Polydipsia.
    table = table_of(
        ("laughs a lot", "HP:0000748", 0),
        ("drinks a lot", "HP:0001959", 0),
        ("lots of infections", "HP:0002719", 0),
    )
    assert positive_ids("when she laughs her knees give way", table) == []
    assert positive_ids("he drinks milk and has infections", table) == []
    assert positive_ids("she laughs a lot, drinks a lot and has lots of infections", table) == [
        "HP:0000748",
        "HP:0001959",
        "HP:0002719",
    ]


def test_a_verb_in_le_keeps_its_e_in_every_form() -> None:
    # "shuffles when he walks" missed HPO's "Shuffled walk" on main ("shuffl" vs "shuffle").
    assert stem("shuffles") == stem("shuffled") == stem("shuffling") == "shuffle"
    assert stem("tingling") == stem("tingles")
    assert (stem("curling"), stem("crawling"), stem("falling")) == ("curl", "crawl", "fall")
    table = table_of(("Shuffled walk", "HP:0002362", 2))
    assert positive_ids("stiff, shuffles when he walks", table) == ["HP:0002362"]


# HPO 2025-01-16 labels: Back pain, Falls, Recurrent fever, Pain.
PHRASAL = table_of(
    ("Back pain", "HP:0003418", 1),
    ("Falls", "HP:0002527", 1),
    ("Recurrent fever", "HP:0001954", 1),
    ("Pain", "HP:0012531", 1),
)


def phrasal_ids(query: str) -> list[str]:
    return positive_ids(query, PHRASAL)


def test_back_after_a_verb_of_coming_or_going_is_not_the_back() -> None:
    # "sores ... back" read Back pain on main: "coming back" means again.
    assert phrasal_ids("cold sores keep coming back") == ["HP:0012531"]
    assert phrasal_ids("the pain went back to normal") == ["HP:0012531"]
    assert phrasal_ids("his back is sore") == ["HP:0003418"]
    assert phrasal_ids("back pain when he comes home") == ["HP:0003418"]


def test_falling_asleep_is_not_falls() -> None:
    # "falls asleep all day long" read Falls on main.
    assert phrasal_ids("she falls asleep all day long") == []
    assert phrasal_ids("he fell asleep at school") == []
    assert phrasal_ids("she falls a lot and is tired") == ["HP:0002527"]
    assert phrasal_ids("he falls, asleep by noon") == ["HP:0002527"]


# HPO 2025-01-16 labels: Tremor, Seizure, Pallor, Blue irides (layperson synonym "Blue eyes");
# "fits" and "pale" as rows of the everyday file.
DESCRIBED = table_of(
    ("Tremor", "HP:0001337", 1),
    ("Seizure", "HP:0001250", 1),
    ("fits", "HP:0001250", 0),
    ("Pallor", "HP:0000980", 1),
    ("pale", "HP:0000980", 0),
    ("Blue irides", "HP:0000635", 1),
    ("blue eyes", "HP:0000635", 0),
)


def described_ids(query: str) -> list[str]:
    return positive_ids(query, DESCRIBED)


def test_a_word_that_describes_the_next_noun_is_not_a_sign_of_its_own() -> None:
    # On main "big shaking fits" read Tremor beside Seizure, "pale blue eyes" Pallor.
    assert described_ids("big shaking fits at night") == ["HP:0001250"]
    assert described_ids("very pale blue eyes") == ["HP:0000635"]
    # Alone, or before another word, they are signs.
    assert described_ids("shaking and fits") == ["HP:0001337", "HP:0001250"]
    assert described_ids("pale and blue eyes") == ["HP:0000980", "HP:0000635"]


# HPO 2025-01-16: Microphthalmia (layperson synonym "Abnormally small eyeball"; "small eyes" a
# row of the everyday file), Small for gestational age ("born small", a row of the file),
# Developmental cataract (synonym "Congenital cataract"; "born with cataracts" a row of the file).
BOUND = table_of(
    ("born small", "HP:0001518", 0),
    ("small eyes", "HP:0000568", 0),
    ("born with cataracts", "HP:0000519", 0),
)


def test_a_word_right_before_a_body_part_describes_that_part() -> None:
    # On main "born with small eyes" read Small for gestational age ("born small"), no eyes.
    assert positive_ids("born with small eyes and cataracts", BOUND) == [
        "HP:0000519",
        "HP:0000568",
    ]
    assert positive_ids("she was born small", BOUND) == ["HP:0001518"]
    assert positive_ids("his eyes are small", BOUND) == ["HP:0000568"]


def test_a_body_part_after_a_place_word_says_where_not_what() -> None:
    """HPO 2025-01-16: Bone pain (HP:0002653, label), Lower limb pain (HP:0012514, layperson
    synonym "Leg pain"). On main "bone pain in his leg" read Lower limb pain only: "pain" was
    taken as the word before the leg."""
    table = table_of(("Bone pain", "HP:0002653", 1), ("Leg pain", "HP:0012514", 1))
    assert [s.hpo_id for s in recognise("bone pain in his leg", table)] == ["HP:0002653"]
    assert [s.hpo_id for s in recognise("bone pain, leg pain", table)] == [
        "HP:0002653",
        "HP:0012514",
    ]


# HPO 2025-01-16: Stiff toe (label), Tip-toe gait (synonym "Toe walking"), Spasticity ("stiff
# legs", a row of the everyday file), Nystagmus ("wobbly eyes", a row of the file).
MANNER = table_of(
    ("Stiff toe", "HP:0025265", 1),
    ("Toe walking", "HP:0030051", 2),
    ("stiff legs", "HP:0001257", 0),
    ("wobbly eyes", "HP:0000639", 0),
)


def test_an_adverb_says_how_a_thing_is_done_not_what_a_body_part_is_like() -> None:
    # On main "walks stiffly on toes" read Stiff toe, and no toe walking.
    assert positive_ids("stiff legs, walks stiffly on toes", MANNER) == [
        "HP:0001257",
        "HP:0030051",
    ]
    assert positive_ids("his big toe is stiff", MANNER) == ["HP:0025265"]
    # "-bly" words are adjectives: "wobbly eyes" is still nystagmus.
    assert positive_ids("wobbly eyes", MANNER) == ["HP:0000639"]


# HPO 2025-01-16 labels Stiff knee, Knee pain, Hypertonia ("stiff", a row of the everyday
# file), Pain; Photophobia ("bright light hurts his eyes", a row of the file).
POINTED = table_of(
    ("Stiff knee", "HP:0025263", 1),
    ("Knee pain", "HP:0030839", 1),
    ("stiff", "HP:0001276", 0),
    ("Pain", "HP:0012531", 1),
    ("bright light hurts his eyes", "HP:0000613", 0),
)


def test_it_and_them_stand_for_the_body_part_named_last() -> None:
    # On main these read Hypertonia and Pain: the knee and the eyes were left behind.
    assert positive_ids("her knee keeps swelling up, its stiff and sore", POINTED) == [
        "HP:0025263",
        "HP:0030839",
    ]
    assert positive_ids("his eyes shake, bright light hurts them", POINTED) == ["HP:0000613"]
    # "it" needs a singular part, "them" a plural one.
    assert positive_ids("his eyes are fine, it hurts", POINTED) == ["HP:0012531"]
    assert positive_ids("she is stiff", POINTED) == ["HP:0001276"]


def test_a_quality_after_is_belongs_to_the_word_before_it() -> None:
    """HPO 2025-01-16: Small hand (HP:0200055), Hypoplastic nipples (HP:0002557, "Small
    nipple" its synonym)."""
    table = table_of(
        ("Small hand", "HP:0200055", 1),
        ("Small nipple", "HP:0002557", 3),
    )
    text = "the nipple is small on that side and the hand on the same side"
    assert [s.hpo_id for s in recognise(text, table)] == ["HP:0002557"]
    assert [s.hpo_id for s in recognise("her hand is small", table)] == ["HP:0200055"]


def test_a_cant_reading_said_to_fall_short_is_no_inability() -> None:
    """HPO 2025-01-16: Paralysis (HP:0003470) has the synonym "Inability to move", read as
    "can't move"; "can't move some joints fully" is a limit, not paralysis."""
    table = table_of(("can't move", "HP:0003470", 4))
    assert [s.hpo_id for s in recognise("he cant move some joints fully", table)] == []
    assert [s.hpo_id for s in recognise("he can't move his legs", table)] == ["HP:0003470"]


def test_complete_finds_phrases_whose_every_stem_was_typed_and_sees_new_phrases() -> None:
    table = PhraseTable()
    table.extend([Phrase(normalise("Dry skin"), "HP:0000958", 1)])
    table.add(Phrase(normalise("Thin skin"), "HP:0000963", 1))
    assert table.complete(normalise("dry skin")) == [0]
    assert table.complete(normalise("skin")) == []
    table.add(Phrase(normalise("Dry eyes"), "HP:9999998", 4))  # added after a match
    assert table.complete(normalise("dry skin and eyes")) == [0, 2]


def test_a_negation_reaches_past_no_sign_of_its_own() -> None:
    """'does not have seizures and walks fine' is no seizures, not 'not walking' (which took
    the 'not' from the seizures); 'cannot sit or walk' still reads 'can't walk'."""
    table = table_of(
        ("Seizure", "HP:0001250", 1),
        ("not walking", "HP:0002540", 0),
        ("can't walk", "HP:0002540", 0),
    )
    assert ids_in("he does not have seizures and walks fine", table) == [("HP:0001250", True)]
    assert ids_in("no seizures and walking well", table) == [("HP:0001250", True)]
    assert ids_in("he cannot sit or walk", table) == [("HP:0002540", False)]
    assert ids_in("she is not even walking", table) == [("HP:0002540", False)]


def ids_in(query: str, table: PhraseTable) -> list[tuple[str, bool]]:
    return [(sign.hpo_id, sign.negated) for sign in recognise(query, table)]


def test_hearing_aids_are_a_device_not_the_hearing() -> None:
    """'he lost his hearing aids at school' read 'losing hearing' (Progressive hearing
    impairment); 'he is losing his hearing' still does."""
    table = table_of(("losing hearing", "HP:0001730", 0))
    assert ids_in("he lost his hearing aids at school", table) == []
    assert ids_in("he is losing his hearing", table) == [("HP:0001730", False)]


def test_no_sign_or_history_of_a_sign_and_a_sign_free_say_it_is_absent() -> None:
    """'there is no sign of a rash', 'no history of seizures' and 'seizure free' read the sign
    as present before; each says it is absent."""
    table = table_of(
        ("Seizure", "HP:0001250", 1), ("Skin rash", "HP:0000988", 1), ("rash", "HP:0000988", 0)
    )
    assert ids_in("there is no sign of a rash", table) == [("HP:0000988", True)]
    assert ids_in("no signs of seizures", table) == [("HP:0001250", True)]
    assert ids_in("no history of seizures", table) == [("HP:0001250", True)]
    assert ids_in("she has been seizure free for two years", table) == [("HP:0001250", True)]
    assert ids_in("seizure-free, but a rash", table) == [
        ("HP:0001250", True),
        ("HP:0000988", False),
    ]


def test_a_negation_reaches_the_second_of_two_things_joined_by_or() -> None:
    """'he cannot run or jump' read 'jump' as present; 'not eating and vomiting' still reads
    the vomiting ('and' adds, 'or' lists what is missing)."""
    table = table_of(
        ("Jumping", "HP:0001399", 1), ("Vomiting", "HP:0002013", 1), ("rash", "HP:0000988", 0)
    )
    assert ids_in("he cannot run or jump", table) == [("HP:0001399", True)]
    assert ids_in("no fever or rash", table) == [("HP:0000988", True)]
    assert ids_in("he is not eating and vomiting a lot", table) == [("HP:0002013", False)]
