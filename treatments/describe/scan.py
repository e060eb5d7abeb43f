"""A description's words as tokens: plain Python, no database.

Both the phrase table and the query go through the same `normalise`: words folded, contractions
opened ("can't" -> "can not"), negations reduced to one token (NOT) and words of too little
to another (FEW: "hardly any", "very few", "sparse"), filler and person words dropped ("my",
"baby", "his") and each word stemmed; with each token, what the sentence says
around it (after a place word, after "and", after "is", said of someone else).
"""

from __future__ import annotations

from search.text import fold
from treatments.describe.carried import (
    BUILD,
    PERSONS,
    carried_after_with,
    carried_parts,
    joined_by_place,
    of_the_person,
    part_build,
    said_of_the_part,
    shifted,
    size_of_a_part,
)
from treatments.describe.in_context import (
    BETWEEN_AND_SUBJECT,
    LIKENED,
    THERE,
    boy_or_girl,
    likened_words,
    not_there_end,
    note_referent,
    placed_inside,
    shakes_in_a_seizure,
    without_moving,
)
from treatments.describe.phrasings import MARKED, said_marks
from treatments.describe.qualities import attributive
from treatments.describe.too_little import too_little_start, too_little_words
from treatments.describe.whose import note_origin, others_words
from treatments.describe.words import (
    BODY_PARTS,
    BREAK,
    DETERMINERS,
    FEW,
    FILLER,
    NEGATED_VERB,
    NEGATORS,
    NOT,
    NOT_CONTRACTIONS,
    stem,
    typed_words,
)

# After "and", these verbs and subjects start a new clause: no phrase reaches back across them.
_NEW_CLAUSE = frozenset(
    ["has", "have", "had", "is", "was", "are", "were", "gets", "got", "keeps", "does", "did",
     "can", "can't", "cannot", "doesn't", "didn't", "won't", "will", "also", "catches", "caught",
     "he", "she", "they", "it", "we", "i", "hes", "shes", "he's", "she's", "im", "i'm"]
)  # fmt: skip


# A word after one of these ("lumps on the skin", "big veins across his chest") names where a
# sign is, not what it is like.
_PLACE_WORDS = frozenset(["on", "in", "under", "around", "of", "at", "over", "near", "inside",
                          "across"])  # fmt: skip
# Body and sign words that a verb beside them turns into an ordinary word (English phrasal
# verbs): "back" after a verb of coming or going is "again" ("cold sores keep coming back",
# "fevers come back", "wee goes back up"), not the back; "falls asleep" is sleeping, not falls.
_RETURN_VERBS = frozenset(
    ["come", "comes", "coming", "came", "go", "goes", "going", "went", "gone", "bring",
     "brings", "bringing", "brought", "grow", "grows", "growing", "grew", "grown"]
)  # fmt: skip
_FALL_FORMS = frozenset(["fall", "falls", "fell", "falling", "fallen"])
# After "turn", "in" and "out" say which way (a club foot turns in, "feet turn outward" is Pes
# valgus): kept as a direction, where "in" alone is filler and "feet turned out" read "feet
# turn in".
_TURN_FORMS = frozenset(["turn", "turns", "turned", "turning"])
_INWARD, _OUTWARD = stem("inward"), stem("outward")
_DIRECTIONS = {"in": _INWARD, "inward": _INWARD, "inwards": _INWARD,
               "out": _OUTWARD, "outward": _OUTWARD, "outwards": _OUTWARD}  # fmt: skip
# A word that describes the noun right after it, not a sign of its own: "shaking fits" are
# seizures (not a tremor), "pale blue eyes" are blue eyes (not pallor), "lost his hearing
# aids" lost a device (not his hearing).
_DESCRIBES_NEXT = {
    "shaking": frozenset(["fit", "fits", "seizure", "seizures", "convulsion", "convulsions"]),
    "pale": frozenset(["blue", "green", "grey", "gray", "brown", "pink", "yellow", "hazel"]),
    "hearing": frozenset(["aid", "aids"]),
}
# "weak" right before the word it describes is a weakness of that thing, not of the person:
# "a weak pee stream", "a weak cry", "a weak grip". Alone it may still read as a sign of its
# own ("he is weak", "weak and tired"); joined to the next word it reads only as a phrase
# with it ("weak legs", "weak cry").
# So is a colour before a thing it colours: "yellow patches on my eyelids" are no jaundice
# ("her skin is yellow", "he is yellow" and "yellow skin" still are).
_QUALIFIES_NEXT = frozenset(["weak", "weaker", "yellow"])
# "no sign of a rash", "no history of seizures": the negation is the sign's, across these.
_NEGATION_REACHES_OVER = frozenset(["sign", "signs", "history", "evidence"])
# Words after "weak" that say when or how, not what is weak (filler words are dropped anyway).
_NOT_QUALIFIED = frozenset(["during", "until", "while", "today", "tonight", "lately"])
# A pronoun stands for the body part named last ("her knee swells, it's stiff"; "his eyes
# shake, bright light hurts them", "his feet are numb and they hurt"): "it" for a singular
# part, "them" and "they" for a plural one ("they said it was nothing" then reads nothing).
_PRONOUNS = {"it": False, "its": False, "them": True, "they": True}
# "a lot of X" says how much X, so it is one token: "drinks a lot of alcohol" is no "drinks a
# lot" (Polydipsia), while "lots of infections" still reads as its own phrase.
LOT_OF = "~lotof"
_PRENATAL = stem("prenatal")
IN_FRONT_OF = "~infront"
# HPO's "5th", "fifth", "little" and "pinky" finger are one digit ("Curvature of little finger").
_FIFTH, _FIFTH_WORDS = stem("5th"), frozenset(["fifth", "pinky", "pinkie", "pinkies"])
_DIGITS = (["finger"], ["fingers"], ["toe"], ["toes"])
# "many" and "several" say what HPO's "Multiple" says, before the things there are many of
# ("many times" is a course, "how many" a question).
MANY = stem("multiple")
_MANY = frozenset(["many", "several"])
_MANY_NOT = frozenset(["times", "years", "months", "weeks", "days", "people", "doctors"])
# "swollen all over", "itchy all over": "all over" with no place after it is all over the body
# (HPO's "Generalized"); "all over his face" and "all over the place" name where.
_WHOLE_BODY = stem("body")
_PLACE_NAMED = [["the"], ["my"], ["his"], ["her"], ["their"], ["our"], ["your"], ["its"]]
# A gain said to be slow is a poor gain: "slow to gain weight" is HPO's "Poor weight gain"
# (Failure to thrive), not "Weight gain" (Increased body weight).
_POOR, _GAIN = stem("poor"), stem("gain")
_SLOW = frozenset(["slow", "slowly"])
# "a boy or a girl" is one token: not knowing which is HPO's Ambiguous genitalia.
BOY_OR_GIRL = "~boyorgirl"
_COPULAS = frozenset(["is", "are", "was", "were", "looks", "look", "seems", "seem"])
# "and his skin burns": a possessive after "and" starts a new clause too, so no word before
# "and" is shared with what follows ("swollen glands and his skin" is no swollen skin).
_POSSESSIVES = frozenset(["my", "his", "her", "their", "our", "your"])
# A clause with one of these names a person or a thing of its own, so it carries no body part
# over from the clause before ("her hair is thin, she is always tired").
_SUBJECTS = _POSSESSIVES | PERSONS | frozenset(
    ["he", "she", "they", "we", "i", "you", "he's", "she's", "hes", "shes", "they're", "theyre",
     "this", "that", "the"]
)  # fmt: skip


def tokens(text: str) -> list[tuple[str, str]]:
    """(stem, word as typed) pairs of `text`; negations become NOT, punctuation BREAK, filler is
    dropped."""
    return [(s, w) for s, w, *_ in _scan(text)[0]]


Positions = frozenset[int]


def _scan(
    text: str,
) -> tuple[
    list[tuple[str, str, bool, bool, bool]], Positions, Positions, Positions, Positions, Positions
]:
    """The tokens, each with whether it follows a place word ("on the skin"), whether it is
    the first word after "and" / "or" ("weak arms and legs") and whether it follows "is" after
    a word kept ("the nipple is small": said of the nipple); and the positions of the
    `_QUALIFIES_NEXT` words typed right before another kept word ("weak" in "weak stream"),
    of the first words after "or" ("cannot run or jump"), of the tokens said of someone
    else ("her brother has seizures"), of a seizure's shakes ("fits where he shakes") and of
    the words placed in or on a thing ("on the lining of the lung")."""
    folded = said_of_the_part(fold(text).replace("\u2019", "'").replace("`", "'"))
    out: list[tuple[str, str, bool, bool, bool]] = []
    previous, placed, joined = "", False, False
    kept, subject_kept = False, False  # was the word before (before the copula) a sign word?
    last_part: dict[bool, tuple[str, str]] = {}  # plural? -> (stem, word) of the last body part
    qualifying: set[int] = set()
    listed, after_or = False, set()  # an "or" (and filler) since the last word kept
    anded = False  # an "and", then only `BETWEEN_AND_SUBJECT` words ("and now my foot")
    seized: set[int] = set()  # shakes said of a seizure (`in_context`)
    inside: set[int] = set()  # words placed in or on a thing, not around it (`in_context`)
    words = typed_words(folded)
    marks = said_marks(words)  # "keeps getting", "since birth", "sat at 14 months" (`phrasings`)
    likened = likened_words(words)  # "like he's sad": a likeness, no sign (`in_context`)
    others = others_words(words)
    origin: list[int] = []  # the word each token came from
    subjects: list[int] = []  # how many tokens there were when a subject word was typed
    described: set[int] = set()  # body parts a copula follows ("her skin is dry")
    with_parts: dict[int, tuple[str, str, bool, bool, bool]] = {}  # "head is small with ..."
    at = 0
    while at < len(words):
        if others:  # only a text about a relative needs to know where each token came from
            note_origin(origin, len(out), at - 1)
        if at in marks:  # "keeps getting", "comes and goes": one course token
            end, course = marks[at]
            if course is None:  # the "didn't" of "didn't walk till 2" (`phrasings`)
                at = end
                continue
            if previous == "and" and words[at] in _NEW_CLAUSE and out and out[-1][0] != BREAK:
                out.append((BREAK, previous, False, False, False))  # "and keeps getting"
            predicated = previous in _COPULAS and subject_kept
            subject_kept, kept = kept, False
            after_and = previous in ("and", "or") or joined
            out.append((course, " ".join(words[at:end]), placed, after_and, predicated))
            listed = False
            previous, placed, joined, at = words[end - 1], False, False, end
            continue
        typed, before, previous = words[at], previous, words[at]
        at += 1
        predicated = before in _COPULAS and subject_kept
        subject_kept, kept = kept, False
        if typed in _COPULAS and subject_kept and out[-1][0] in BODY_PARTS:
            described.add(len(out) - 1)  # "her hair is ...": what follows is said of the hair
        after_place, was_joined = placed, joined
        placed = typed in _PLACE_WORDS or (placed and typed in DETERMINERS)
        joined = typed in ("and", "or") or (joined and typed in FILLER)
        was_listed, listed = listed, typed in ("or", "nor") or (listed and typed in FILLER)
        was_anded, anded = anded, typed == "and" or (anded and typed in BETWEEN_AND_SUBJECT)
        if typed == "round" and at < len(words) and words[at] in DETERMINERS:
            placed = True  # "lumps round my neck": around it, not a round neck
            continue
        # "bites her hands and has tantrums": "and has" starts a new clause, as a comma does.
        if typed == "," and _lists_qualities(words, at, before, out):
            joined = True  # "thick, red and sweaty skin": the comma is an "and"
            continue
        sized = typed in ("with", "who") and size_of_a_part(before, out, described)
        sized_part = sized and typed == "with"  # "his head is small with a flat back"
        if (
            typed in ",;.!?"
            or (was_anded and typed in _NEW_CLAUSE | _POSSESSIVES)
            or (typed in ("with", "who") and of_the_person(before, sized))
            or sized_part
        ):
            joined = False
            if sized_part:
                with_parts[len(out) + 1] = out[-2]  # the part, for the clause after "with"
            if out and out[-1][0] != BREAK:
                out.append((BREAK, typed, False, False, False))
            if typed in ",;.!?":
                continue
        if typed in _SUBJECTS:
            subjects.append(len(out))
        if typed.endswith("'s"):
            typed = typed[:-2]
        word = typed.replace("'", "")
        if word in _DIRECTIONS and before in _TURN_FORMS and out and out[-1][1] == before:
            out.append((_DIRECTIONS[word], word, after_place, after_and, predicated))
            placed, joined, kept = False, False, True  # "turned in": a way, not a place
            continue
        if word == "back" and before in _RETURN_VERBS:
            continue  # "coming back": again, not the body part
        if word == "asleep" and before in _FALL_FORMS and out and out[-1][1] == before:
            out.pop()  # "falls asleep": sleeping, not falls
        if word in _DESCRIBES_NEXT.get(before, ()) and out and out[-1][1] == before:
            out.pop()  # "shaking fits": the fits are what is seen
        after_and = before in ("and", "or") or was_joined  # "and with fevers" too
        if word == "over" and before == "all" and words[at : at + 1] not in _PLACE_NAMED:
            out.append((_WHOLE_BODY, "all over", False, after_and, predicated))
            placed, joined, kept = False, False, True
            continue
        if word in _SLOW and _GAIN in (stem(w) for w in words[max(0, at - 3) : at + 2]):
            out.append((_POOR, word, after_place, after_and, predicated))
            joined, kept = False, True
            continue
        if word in _PRONOUNS and _PRONOUNS[word] in last_part:
            out.append((*last_part[_PRONOUNS[word]], after_place, after_and, False))
            joined = False
            continue
        if word == "of" and out and out[-1][1] in ("lot", "lots") and before == out[-1][1]:
            out[-1] = (LOT_OF, *out[-1][1:])
            continue
        if word in _NEGATION_REACHES_OVER and out and out[-1][0] == NOT and out[-1][1] == before:
            continue
        if word == "free" and out and out[-1][0] not in (NOT, BREAK) and out[-1][1] == before:
            # "seizure free", "seizure-free": said to be absent, as "no seizures" is
            out.insert(len(out) - 1, (NOT, word, False, False, False))
            continue
        if (few := too_little_words(words, at - 1)) and (
            word not in ("much", "many") or _after_not(out)
        ):
            start = too_little_start(words, at - 1)
            if out and out[-1][1] in words[start : at - 1]:
                out.pop()  # "not much hair", "almost no hair": too little hair, not none
            said = " ".join(words[start : at - 1 + few])
            out.append((FEW, said, after_place, after_and, predicated))
            at += few - 1
            joined, kept = False, True
            continue
        if word in _MANY and at < len(words) and words[at] not in FILLER | _MANY_NOT:
            # "many bony lumps" is HPO's "Multiple exostoses", where "a bony lump" is not
            out.append((MANY, word, after_place, after_and, predicated))
            joined, kept = False, True
            continue
        if boy_or_girl(words, at - 1):
            out.append((BOY_OR_GIRL, "boy or girl", after_place, after_and, predicated))
            joined, kept = False, True
            continue
        negation = word in NEGATORS or word in NOT_CONTRACTIONS
        fifth = word in _FIFTH_WORDS or (word == "little" and words[at : at + 1] in _DIGITS)
        letter = before == "vitamin" and len(word) == 1  # a lone letter, but a vitamin's name
        if negation or ("'" in typed and NEGATED_VERB.match(typed)):
            if not out or out[-1][0] != NOT:
                out.append((NOT, typed, False, False, False))
            if there := not_there_end(words, at - 1):  # "sees things that aren't there"
                out.append((THERE, "there", False, False, False))
                at, previous = there, "there"
        elif without_moving(words, at - 1):  # "sit still": one token ("keep" is filler)
            sat = out.pop() if out and out[-1][1] == before else ("", before, False, False, False)
            out.append((f"{sat[0]} still".strip(), f"{before} still", *sat[2:]))
        elif fifth or letter or (word not in FILLER and len(word) > 1):
            # "before birth" is HPO's "prenatal": "tiny before birth" is no "tiny at birth".
            prenatal = word == "birth" and before == "before"
            word_stem = _PRENATAL if prenatal else _FIFTH if fifth else stem(word)
            word_stem = LIKENED + word_stem if at - 1 in likened else word_stem
            # "in front of" places a thing ("spots in front of her eyes"), not "the front of".
            if word == "front" and before == "in" and at < len(words) and words[at] == "of":
                word_stem = IN_FRONT_OF
            out.append((word_stem, word, after_place, after_and, predicated))
            joined, kept = False, True
            if was_listed:
                after_or.add(len(out) - 1)
            if shakes_in_a_seizure(words, at - 1):
                seized.add(len(out) - 1)
            if after_place and placed_inside(words, at - 1):
                inside.add(len(out) - 1)
            if (
                len(out) > 1
                and (out[-2][1] in _QUALIFIES_NEXT | BUILD or attributive(words, at - 2))
                and out[-2][1] == before
                and word not in _NOT_QUALIFIED
                and not word.endswith("ly")
            ) or (
                len(out) > 1
                and part_build(out[-1][0], out[-2][1])
                and joined_by_place(words, at - 1, out[-2][1])
            ):
                qualifying.add(len(out) - 2)  # "thin in her arms"
            if predicated and len(out) > 1 and part_build(out[-2][0], word):
                qualifying.add(len(out) - 1)  # "his legs are thin"
            note_referent(last_part, out[-1][0], word, words[at : at + 1])
    if others:
        note_origin(origin, len(out), len(words) - 1)
    theirs = frozenset(i for i, w in enumerate(origin) if w in others)
    found = carried_parts(out, subjects, described, theirs)
    found.update(carried_after_with(out, with_parts, theirs))
    carried = {at: end for at, (_, end) in found.items()}
    if not carried:
        return out, *(frozenset(each) for each in (qualifying, after_or, theirs, seized, inside))
    moved = shifted(len(out), carried)
    qualifying.update(  # "her hair is strange, very thin"
        i
        for at, (part, end) in found.items()
        for i in range(at, end)
        if part_build(part[0], out[i][1])
    )
    for at in sorted(carried, reverse=True):
        out.insert(at, found[at][0])
    marked = (qualifying, after_or, theirs, seized, inside)
    return out, *(frozenset(moved[i] for i in each) for each in marked)


def _lists_qualities(
    words: list[str], at: int, before: str, out: list[tuple[str, str, bool, bool, bool]]
) -> bool:
    """Is the comma before `words[at]` one of a list of qualities of one thing? "thick, red
    and sweaty skin", "her skin is thick, red and sweaty": one word follows it, then "and"
    and a word that starts no new clause. A comma after or before a part ("seizures, weak
    legs and poor feeding", "thick knuckle pads, clubbed fingers") still ends what was said,
    as one before a clause does ("his arm is bent, pain and he can't move")."""
    if at + 2 >= len(words) or not out or out[-1][1] != before or out[-1][0] in BODY_PARTS:
        return False
    quality, then, after = words[at], words[at + 1], words[at + 2]
    if quality in FILLER or quality in NEGATORS or not quality.isalpha():
        return False
    if stem(quality) in BODY_PARTS:
        return False
    return then in ("and", "or") and after not in _NEW_CLAUSE | _POSSESSIVES


def _after_not(out: list[tuple[str, str, bool, bool, bool]]) -> bool:
    return bool(out) and out[-1][0] == NOT and out[-1][1] == "not"


def normalise(text: str) -> tuple[str, ...]:
    """The stems of a phrase, in order (what the phrase table is keyed by)."""
    return tuple(s for s, _ in tokens(text) if s != BREAK)


# Words a name may lose without changing what it means (function words and intensifiers).
_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "by", "very",
     "really", "quite", "too", "so", "much", "many", "always", "all"]
)  # fmt: skip


def stands_alone(name: str) -> bool:
    """False for a name that keeps one word after filler is dropped but lost a meaningful one:
    "Big baby" is not "big", "Out-toeing" is not "toe" ("very short" and "can't talk" are fine)."""
    stems = [s for s in normalise(name) if s != NOT]
    if len(stems) != 1 or stems[0] in MARKED:  # "does not look at people": one token's words
        return True
    # A token may hold two typed words ("sit still"): each counts as kept.
    kept = [w for s, typed in tokens(name) if s not in (NOT, BREAK) for w in typed.split()]
    words = [w for w in typed_words(fold(name)) if w not in ",;.!?"]
    meaningful = [
        w for w in words
        if w not in _FUNCTION_WORDS and w.replace("'", "") not in NEGATORS | NOT_CONTRACTIONS
        and not NEGATED_VERB.match(w)
    ]  # fmt: skip
    return len(meaningful) <= len(kept)
