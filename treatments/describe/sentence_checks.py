"""What a sentence allows a reading to take: the checks a phrase's chosen words must pass
("walks stiffly on his toes" is no stiff toe, "a red rash on her face" no red face), and
whether a sign is said to be absent (plain Python, no database)."""

from __future__ import annotations

from treatments.describe.courses import COURSES
from treatments.describe.phrase_table import Phrase, PhraseTable
from treatments.describe.words import BODY_PARTS, BREAK, NOT, stem

# The weather after a place word says when a sign shows, not what it is: "turns blue in the
# cold" is no Coldness ("his hands feel cold" still is; "cramps in the cold" reads its trigger).
_SETTINGS = frozenset([stem("cold")])


def _listed(span: tuple[int, ...], joined: frozenset[int]) -> bool:
    """Does "and" join two words of the reading? "fits and a fever" lists two signs, where
    "fits with a fever" says what set the fits off."""
    return any(p in joined for p in span if p != min(span))


def _new_predicates(toks: list[tuple[str, str]], joined: frozenset[int]) -> frozenset[int]:
    """The words after "and" that start a new predicate after a described body part: in "very
    thin wasted muscles and tires with exercise" the muscles are wasted and the person tires;
    nothing says the muscles tire. A part that opens its clause is its subject and goes on
    past the "and" ("his ears are low and tilt back"), and two parts are two of one kind
    ("bowed arms and legs")."""
    return frozenset(
        p
        for p in joined
        if p >= 2
        and toks[p - 1][0] in PARTS
        and toks[p][0] not in PARTS
        and toks[p - 2][0] not in (BREAK, NOT, *COURSES)
    )


# Two parts joined by "and" are two of one kind ("a big liver and spleen"): the family's body
# parts and the organs and smaller parts HPO's names list in pairs.
PARTS = BODY_PARTS | frozenset(
    stem(word)
    for word in ["spleen", "thumb", "wrist", "elbow", "ankle", "shoulder", "thigh", "calf",
                 "eyelid", "eyelash", "eyebrow", "jaw", "gum", "palm", "sole", "cheek", "chin",
                 "forehead", "scalp", "throat", "stomach", "bowel", "bladder", "gland", "nipple",
                 "genital", "penis", "testicle", "pupil", "body", "retina", "macula"]
)  # fmt: skip


def _quality_skips_a_thing(
    toks: list[tuple[str, str]], span: tuple[int, ...], joined: frozenset[int]
) -> bool:
    """A quality said last of a listed part belongs to the last thing listed before it: in
    "bleeds from his gums and nose and bruises big" only the bruises are big. It reaches back
    over "and" only across parts of one kind ("his elbows and ankles are stiff", "liver and
    spleen big"); a word shared after a listed verb or quality still is ("wets and soils
    himself", "weak muscles and stiff limbs")."""
    first, last = min(span), max(span)
    if toks[first][0] not in PARTS or toks[last][0] in PARTS:
        return False
    thing = last - 1  # "and bruises big": the quality follows the thing it is said of
    return first < thing and thing not in span and thing in joined and toks[thing][0] not in PARTS


def _a_setting(toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]) -> bool:
    """A one-word reading of the weather after "in" ("in the cold")."""
    return len(span) == 1 and span[0] in placed and toks[span[0]][0] in _SETTINGS


def _said_of_another(
    span: tuple[int, ...], theirs: frozenset[int], toks: list[tuple[str, str]]
) -> bool:
    """Is every word of the reading in a clause about someone else ("her brother has
    seizures")?"""
    return bool(theirs) and all(p in theirs for p in span if toks[p][0] != NOT)


def _is_adverb(word: str, known: set[str]) -> bool:
    """A quality word made an adverb ("stiffly", "weakly", "slowly"): its base is a word of
    some sign's name ("wobbly", "scaly", "curly" are adjectives; "-bly" and "-lly" are left
    alone)."""
    return (
        len(word) > 5
        and word.endswith("ly")
        and not word.endswith(("bly", "lly"))
        and stem(word) == word[:-2]
        and word[:-2] in known
    )


def _adverb_on_part(
    toks: list[tuple[str, str]], span: tuple[int, ...], adverbs: frozenset[int]
) -> bool:
    """An adverb says how something is done, never what a body part is like: "walks stiffly
    on his toes" is no stiff toe (a phrase of only adverbs and body parts is not read)."""
    return bool(adverbs & set(span)) and all(p in adverbs or toks[p][0] in BODY_PARTS for p in span)


_PARTLY = frozenset(["fully", "completely", "straight"])


def _only_partly(toks: list[tuple[str, str]], phrase: Phrase, span: tuple[int, ...]) -> bool:
    """A "can't X" reading said to fall short ("can't move some joints fully", "can't fully
    open", "can't walk straight") is a limit, not an inability: "Inability to move" is
    Paralysis, and a child who can't walk straight walks."""
    if NOT not in phrase.stems:
        return False
    for p in range(min(span), len(toks)):
        if toks[p][0] == BREAK:
            return False
        if toks[p][1] in _PARTLY and p not in span:
            return True
    return False


def _spacing_as_width(toks: list[tuple[str, str]], span: tuple[int, ...]) -> bool:
    """A "wide" or "far" right before "apart" says how far apart things stand, not how wide one
    is: "staggers with his feet wide apart" is no Broad foot ("walks with feet wide apart" is
    a gait, "eyes wide apart" widely spaced eyes: their names take "apart" too)."""
    return any(
        toks[p][1] in _SPACING and p + 1 < len(toks) and toks[p + 1][1] == "apart"
        and p + 1 not in span
        for p in span
    )  # fmt: skip


_SPACING = frozenset(["wide", "widely", "far"])


def _course_apart(toks: list[tuple[str, str]], span: tuple[int, ...]) -> bool:
    """Course words after a sign go with that sign only: in "diarrhea and constipation on and
    off" the constipation comes and goes, and in "diarrhea on and off and throwing up" the
    vomiting does not. Course words that open a clause lead all of it ("keeps getting
    pneumonia and ear infections", "born with small eyes and cataracts")."""
    return any(
        toks[p][0] in COURSES and p - 1 not in span and p > 0 and toks[p - 1][0] != BREAK
        for p in span
    )


def _said_of_an_earlier_word(
    toks: list[tuple[str, str]], span: tuple[int, ...], predicated: frozenset[int]
) -> bool:
    """A quality after "is" belongs to the word before it: in "the nipple is small on that side
    and the hand has short fingers" no hand is small ("her hand is small" still is)."""
    return any(
        q in predicated
        and q - 1 not in span
        and any(p > q and toks[p][0] in BODY_PARTS for p in span)
        for q in span
    )


def _said_of_a_part(
    toks: list[tuple[str, str]], span: tuple[int, ...], predicated: frozenset[int], hpo_id: str
) -> bool:
    """A state of the whole person, said of a part after "is", is that part's: "the middle of
    the back of my eye is wasting away" is no Cachexia, "his legs are wasting" no wasting of the
    whole body. Only such states: a part can be numb, itchy, sweaty or twitching ("his feet
    are numb" is Hypoesthesia), so any other sign said of a part is still read."""
    first = min(span)
    if first not in predicated or first < 1 or any(toks[p][0] in PARTS for p in span):
        return False
    part = toks[first - 1][0]
    if hpo_id in WHOLE_SKIN_COLOURS:
        return part in _NOT_SKIN
    return hpo_id in WHOLE_PERSON_STATES and part in PARTS - _WHOLE_SURFACE


# States only a whole person is in (HPO 2025-01-16): Cachexia, Weight loss, Fatigue, Failure
# to thrive. A part said to be "wasting away" or "worn out" is that part's, not one of these.
WHOLE_PERSON_STATES = frozenset(["HP:0004326", "HP:0001824", "HP:0012378", "HP:0001508"])

# A colour of the skin (HPO 2025-01-16: Jaundice), said of a part that is no skin, is that
# part's: "her teeth are yellow", "his nails are yellow". Said of the skin of any part it is
# the sign: a newborn's jaundice spreads from the face and eyes to the chest, the limbs and
# the palms and soles, so "his palms are yellow" and "her cheeks are yellow" are jaundice.
WHOLE_SKIN_COLOURS = frozenset(["HP:0000952"])
_NOT_SKIN = frozenset(
    stem(word)
    for word in ["teeth", "tooth", "nail", "fingernail", "toenail", "tongue", "hair", "gum",
                 "urine", "pee", "wee", "poo", "poop", "stool", "vomit", "sick", "snot",
                 "phlegm", "mucus", "sweat", "tear", "discharge", "lump", "spot", "patch"]
)  # fmt: skip

# The whole body and its skin carry the signs named without a part: "his whole body is stiff"
# is stiffness, "her skin is blistering" blistering of the skin.
_WHOLE_SURFACE = frozenset([stem("body"), stem("skin")])


def _singular_for_plural(
    toks: list[tuple[str, str]], phrase: Phrase, span: tuple[int, ...]
) -> bool:
    """A phrase whose plural says the sign recurs ("fevers") is not read from the bare singular
    noun ("a fever", "a massive bruise"). Its other forms say no one event: "bruising",
    "always bruised"; nor does the noun naming a kind of mark ("bruise marks", "bruise-like")."""
    return bool(phrase.plural) and any(
        toks[p][0] == phrase.plural
        and toks[p][1] == phrase.plural
        and not (p + 1 < len(toks) and toks[p + 1][0] in _KIND_OF_MARK)
        for p in span
    )


_KIND_OF_MARK = frozenset([stem("mark"), stem("like")])


_FEEL = frozenset(["feel", "feels", "felt", "feeling"])


def _feeling_of_a_part(
    toks: list[tuple[str, str]], span: tuple[int, ...], joined: frozenset[int]
) -> bool:
    """A feeling said of a body part is that part's: "her arms feel weak" is weak arms, not the
    person feeling weak ("she feels weak", "sore joints and feeling weak" still are)."""
    first = min(span)
    return (
        toks[first][1] in _FEEL
        and first not in joined
        and first > 0
        and toks[first - 1][0] in BODY_PARTS
    )


def _reaches_past_what_it_describes(
    toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]
) -> bool:
    """Does the phrase skip the mark a quality describes to take the body part that only says
    where the mark is? In "red scaly patches on her face" and "a red rash on her face" red
    describes the patches and the rash: no red face ("weak muscles around her hips", "bumps
    growing on his skin" skip no mark)."""
    return any(
        p in placed
        and toks[p][0] in BODY_PARTS
        and any(q not in span and toks[q][0] in _MARKS for q in range(min(span), p))
        for p in span
    )


# What a skin sign is seen as: a quality before one describes it, not the place after it.
_MARKS = frozenset(stem(word) for word in ["patch", "spot", "rash", "vein", "lump", "blister"])


# Parts inside the body or the eye, which have no skin: a mark in or on one is not on the skin.
_NO_SKIN = frozenset(
    stem(word)
    for word in ["lung", "liver", "heart", "brain", "kidney", "spleen", "bowel", "intestine",
                 "gut", "bladder", "womb", "uterus", "ovary", "eye", "iris", "retina", "macula",
                 "lens", "cornea", "bone", "artery", "nerve"]
)  # fmt: skip


_APPEARING = frozenset(
    stem(word) for word in ["appeared", "appears", "formed", "grown", "came", "come", "up"]
)


def _mark_inside_an_organ(
    toks: list[tuple[str, str]], span: tuple[int, ...], inside: frozenset[int]
) -> bool:
    """A skin mark with no part of its own said in or on a part that has no skin is that
    part's: "small blisters on the lining of the lung" and "a dark brown spot on the coloured
    part of my eye" (or "has appeared on" it) are no skin signs ("blisters on her hands", "a rash around his eyes" are)."""
    if not any(toks[p][0] in _MARKS for p in span) or any(toks[p][0] in PARTS for p in span):
        return False
    after = max(span) + 1
    while after < len(toks) and toks[after][0] in _APPEARING:
        after += 1  # "a spot has appeared on her eye", "a lump came up in his eye"
    if after not in inside:
        return False
    for p in range(after, min(after + 3, len(toks))):
        if toks[p][0] == BREAK:
            return False
        # "on the lung", "in his left eye": the part is placed, or follows a word that is
        if toks[p][0] in _NO_SKIN and (p in inside or p - 1 in inside):
            return True
    return False


def _leaves_its_part(toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]) -> bool:
    """Does the phrase take a word but not the body part right after it? A word right before
    a body part describes that part: "born with small eyes" is small eyes before it is born
    small. A part after a place word only says where ("bone pain in his leg" is bone pain)."""
    return any(
        p + 1 < len(toks)
        and p + 1 not in span
        and p + 1 not in placed
        and toks[p + 1][0] in BODY_PARTS
        for p in span
    )


def _fits(phrase: Phrase, span: tuple[int, ...]) -> bool:
    """A compound's parts stand side by side, in order: "Red-weak" is not "red and her arms
    feel weak"."""
    return not phrase.compound or list(span) == list(range(span[0], span[0] + len(span)))


def _named_alone(
    table: PhraseTable, complete: list[int], positions: dict[str, list[int]]
) -> frozenset[int]:
    """The positions of words that name a sign on their own, unnegated ("seizures")."""
    alone = set()
    for index in complete:
        stems = set(table.phrases[index].stems)
        if len(stems) == 1 and NOT not in stems:
            alone.update(positions[next(iter(stems))])
    return frozenset(alone)


def _negation_skips_a_sign(
    toks: list[tuple[str, str]],
    span: tuple[int, ...],
    named: frozenset[int],
    after_or: frozenset[int] = frozenset(),
) -> bool:
    """A "not X" reading whose "not" skips a word naming a sign of its own: in "does not have
    seizures and walks fine" the "not" is the seizures', not "not walking" ("cannot sit or
    walk" still is, as "sit" names no sign). Nor does a "not" that skips a word say a body
    part is missing: "can't lift my feet" and "no fingernails on some fingers" say the feet
    cannot lift and the nails are missing ("no fingers or toes" lists two parts). "without"
    before a verb's -ing form is that verb's: "lost weight without trying and you can see
    his veins" is no "cannot see"."""
    negations = [p for p in span if toks[p][0] == NOT]
    if not negations:
        return False
    after = min((p for p in span if p > negations[0]), default=negations[0])
    skipped = range(negations[0] + 1, after)
    if any(p in named for p in skipped):
        return True
    if toks[negations[0]][1] == "without" and any(toks[p][1].endswith("ing") for p in skipped):
        return True
    return bool(skipped) and toks[after][0] in BODY_PARTS and after not in after_or


def _listed_after_not(toks: list[tuple[str, str]], start: int, after_or: frozenset[int]) -> bool:
    """The second of two things a NOT lists with "or" ("cannot run or jump", "no fever or
    rash"); "and" adds something said ("not eating and vomiting")."""
    return (
        start in after_or
        and start >= 2
        and toks[start - 2][0] == NOT
        and (toks[start - 1][0] not in (NOT, BREAK))
    )


def _negated(toks: list[tuple[str, str]], start: int, used: set[int]) -> bool:
    """A NOT just before the phrase ("no seizures") that no other phrase has taken."""
    before = start - 1
    return before >= 0 and toks[before][0] == NOT and before not in used


# Parts with no muscle of their own: "weak" said of one in its clause is that part's ("her teeth
# came in chalky and weak", "her nails are thin and weak", "his heart is weak"), no Muscle
# weakness; a muscle's part ("his legs are weak") reads as its own phrase or as the person's.
_NO_MUSCLE = frozenset(
    stem(word)
    for word in ["tooth", "teeth", "nail", "nails", "hair", "bone", "bones", "eye", "eyes",
                 "eyesight", "sight", "vision", "heart", "lung", "kidney", "liver", "bladder",
                 "skin", "enamel", "gum", "immune"]
)  # fmt: skip
# Only the adjective is said of a thing: "weakness" shares its stem and is the person's.
_WEAK_WORDS = frozenset(["weak", "weaker"])
_WEAK = {stem("weak")}
# Verbs that join a part to the quality said of it, as "is" does ("her teeth came in chalky").
_LINKING = frozenset(
    ["came", "come", "comes", "look", "looks", "looked", "seem", "seems", "seemed", "got",
     "get", "gets", "became", "become", "grew", "grow", "grows", "feel", "feels", "felt"]
)  # fmt: skip


def _weak_of_a_thing(
    toks: list[tuple[str, str]],
    phrase: Phrase,
    span: tuple[int, ...],
    joined: frozenset[int],
    predicated: frozenset[int],
) -> bool:
    """Is `span` a bare "weak" said of a part with no muscle: after "is" ("his bones are
    weak"), or joined by "and" to the one quality said of one ("her teeth came in chalky and
    weak")? A quality itself after "and" starts a new item ("big heart and floppy and weak",
    "his skin is pale and tired and weak"), as does a thing ("liver problems and very weak")."""
    if len(span) != 1 or set(phrase.stems) != _WEAK or span[0] == 0:
        return False
    if toks[span[0]][1].lower() not in _WEAK_WORDS:
        return False
    at = span[0] - 1
    if toks[at][0] in _NO_MUSCLE:
        return span[0] in predicated
    if span[0] not in joined or at in joined or toks[at][0] in PARTS or at == 0:
        return False
    if at in predicated:
        return toks[at - 1][0] in _NO_MUSCLE
    return toks[at - 1][1].lower() in _LINKING and at >= 2 and toks[at - 2][0] in _NO_MUSCLE
