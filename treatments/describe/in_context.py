"""Words whose meaning is set by the words just around them (plain Python), read by `scan`:
"there" after a negation says a thing is not real ("sees things that aren't there"), a shake
said of a seizure is the seizure's ("seizures where she goes stiff and shakes"), a place
said with "in" or "on" holds the sign ("blisters on the lining of the lung") where one said
with "around" is beside it, "a boy or a girl" is about the body, and a pronoun stands for the
part named last unless a thing on it was named after it ("a bruise on his knee, it's red").
"""

from __future__ import annotations

from treatments.describe.words import BODY_PARTS, DETERMINERS, FILLER, is_plural, stem

# "there" is filler, so "sees things that aren't there" kept nothing after its negation and no
# row could say it. Kept after a negation (and these words), it is what the negation denies.
_BEFORE_THERE = frozenset(["really", "actually", "even"])
THERE = stem("there")

# "still" is filler ("still doesn't walk", "is still small"), but after a verb of resting it
# says without moving: "can't sit still", "never keeps still" are restlessness, and a row
# that says so keeps the word ("can't sit" alone is Inability to sit).
_RESTING = frozenset(
    ["sit", "sits", "sat", "sitting", "stand", "stands", "stood", "standing", "keep", "keeps",
     "kept", "keeping", "stay", "stays", "stayed", "staying", "lie", "lies", "lay", "lying",
     "hold", "holds", "held", "holding"]
)  # fmt: skip

# Words that may stand between "and" and the subject of a new clause: the subject still starts
# one, as right after "and" (`scan`: "long grass and now my foot" is no long foot, "and then he
# has" no more shares a word with what came before).
BETWEEN_AND_SUBJECT = frozenset(
    ["now", "then", "also", "so", "just", "sometimes", "often", "always", "still", "again"]
)


def without_moving(words: list[str], at: int) -> bool:
    """Is `words[at]` a "still" that follows a verb of resting ("sit still", "keep still")?"""
    return words[at] == "still" and at > 0 and words[at - 1] in _RESTING


# "the corners of his mouth turn down like he's sad", "walks like he is drunk": what follows
# "like" and a subject with its verb says what a sign looks like, not a sign of its own. Its
# words are read as a likeness (`LIKENED` before their stems), which only a row that says the
# same likeness names ("walks like he is drunk"). After "looks like" or "seems like" it is
# what the family sees ("he looks like he's in pain") and stays a sign.
LIKENED = "~like-"
_SUBJECT_VERBS = frozenset(["hes", "he's", "shes", "she's", "theyre", "they're", "its", "it's",
                            "im", "i'm", "youre", "you're"])  # fmt: skip
_SUBJECTS = frozenset(["he", "she", "they", "it", "i", "you"])
_VERBS = frozenset(["is", "are", "was", "were", "am", "has", "had", "have"])
# "it's like he has no energy" is what the family sees, as "looks like" is.
_SEEMING = frozenset(
    ["look", "looks", "looked", "looking", "seem", "seems", "seemed", "act", "acts", "acted",
     "feel", "feels", "felt", "sound", "sounds", "its", "it's"]
)  # fmt: skip
_LIKENESS_ENDS = frozenset([",", ";", ".", "!", "?", "and", "but", "or"])


def likened_words(words: list[str]) -> frozenset[int]:
    """The positions of the words a likeness says ("sad" in "turn down like he's sad")."""
    found: set[int] = set()
    for at, word in enumerate(words):
        if word != "like" or (at and words[at - 1] in _SEEMING):
            continue
        start = at + 2 if words[at + 1 : at + 2] and words[at + 1] in _SUBJECT_VERBS else None
        if words[at + 1 : at + 2] and words[at + 1] in _SUBJECTS:
            start = at + 3 if words[at + 2 : at + 3] and words[at + 2] in _VERBS else None
        end = start
        while end is not None and end < len(words) and words[end] not in _LIKENESS_ENDS:
            end += 1
            # A likeness is one thing ("drunk", "in pain"): it ends at its first word that is
            # not filler, as families run on without a comma ("like hes sad he has seizures").
            if words[end - 1] not in FILLER:
                break
        found.update(range(start or 0, end or 0))
    return frozenset(found)


# A seizure's own movements are part of it, not a sign of their own: "seizures where she goes
# stiff and then shakes" is a tonic-clonic seizure, not a tonic seizure and a tremor.
_SEIZURES = frozenset([stem("seizure"), stem("fit")])
_SHAKES = frozenset([stem("shakes"), stem("shook")])
# Words that start what is said of the seizure ("seizures where...", "fits with shaking").
_SAID_OF_IT = frozenset(["where", "when", "which", "with", "while", "during"])
_CLAUSE_ENDS = frozenset(",;.!?")


def not_there_end(words: list[str], at: int) -> int | None:
    """The index after "there" when it follows the negation typed at `words[at]` ("aren't
    there", "are not really there"), else None."""
    after = at + 1
    while after < len(words) and words[after] in _BEFORE_THERE:
        after += 1
    return after + 1 if after < len(words) and words[after] == "there" else None


def shakes_in_a_seizure(words: list[str], at: int) -> bool:
    """Is `words[at]` a shake said of a seizure named earlier in its clause, through a word
    that describes it ("seizures where he shakes", "fits with shaking")? Not a list of two
    signs ("seizures and tremors")."""
    if stem(words[at]) not in _SHAKES:
        return False
    described = False
    for word in reversed(words[:at]):
        if word in _CLAUSE_ENDS:
            return False
        if stem(word) in _SEIZURES:
            return described
        described = described or word in _SAID_OF_IT
    return False


# "on the lining of the lung", "in her eye", "on the coloured part of my eye": the sign is in
# or on that thing ("around the eyes", "under his arms" put it on the skin beside it).
_IN_OR_ON = frozenset(["in", "on", "of", "inside", "within"])


def placed_inside(words: list[str], at: int) -> bool:
    """Is `words[at]` the place of a sign said "in" or "on" it (after any determiners)?"""
    before = at - 1
    while before >= 0 and words[before] in DETERMINERS:
        before -= 1
    return before >= 0 and words[before] in _IN_OR_ON


_OTHER_SEX = {"boy": "girl", "girl": "boy", "male": "female", "female": "male"}


def boy_or_girl(words: list[str], at: int) -> bool:
    """Is `words[at]` the second of "a boy or a girl" ("girl or boy")? Person words are filler,
    but "could not tell if she was a boy or a girl" is about the body, not who."""
    other = _OTHER_SEX.get(words[at])
    if other is None:
        return False
    before = [w for w in words[max(0, at - 3) : at] if w not in ("a", "an")]
    return before[-2:] == [other, "or"]


# A part before one of these names who treats it or what tests it ("the eye doctor", "eye
# drops", "a kidney scan"), not a part of the person a pronoun may stand for later.
_NOT_THE_PART = frozenset(
    ["doctor", "doctors", "specialist", "specialists", "surgeon", "surgeons", "clinic", "nurse",
     "team", "drops", "test", "tests", "scan", "scans", "exam", "check", "checkup", "appointment"]
)  # fmt: skip
# A thing on or in a part (or a part of the eye no sign names alone), named after the part, is
# what a pronoun then stands for: "a massive bruise, it's bright red" is a red bruise, not a red
# knee; "a hole in it" after "her retina" is no hole in the eye.
_THINGS_ON_A_PART = frozenset(
    stem(word)
    for word in ["bruise", "spot", "patch", "rash", "lump", "blister", "ulcer", "wound",
                 "mole", "cyst", "growth", "tumour", "tumor", "birthmark", "mark",
                 "retina", "macula", "iris", "cornea", "lens"]
)  # fmt: skip


def note_referent(
    last_part: dict[bool, tuple[str, str]], token: str, word: str, after: list[str]
) -> None:
    """Keep in `last_part` (plural? -> (stem, word)) the part a later pronoun stands for: the
    part `token` names unless the words `after` it name its doctor or test; none after a thing
    on a part."""
    if token in BODY_PARTS and not _NOT_THE_PART.intersection(after):
        last_part[is_plural(word, token)] = (token, word)
    elif token in _THINGS_ON_A_PART:
        last_part.pop(is_plural(word, token), None)
