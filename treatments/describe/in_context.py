"""Words whose meaning is set by the words just around them (plain Python), read by `scan`:
"there" after a negation says a thing is not real ("sees things that aren't there"), a shake
said of a seizure is the seizure's ("seizures where she goes stiff and shakes"), a place
said with "in" or "on" holds the sign ("blisters on the lining of the lung") where one said
with "around" is beside it, and "a boy or a girl" is about the body.
"""

from __future__ import annotations

from treatments.describe.words import stem

# "there" is filler, so "sees things that aren't there" kept nothing after its negation and no
# row could say it. Kept after a negation (and these words), it is what the negation denies.
_BEFORE_THERE = frozenset(["really", "actually", "even"])
THERE = stem("there")

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
_DETERMINERS = frozenset(["the", "a", "an", "my", "his", "her", "their", "our", "your", "its"])


def placed_inside(words: list[str], at: int) -> bool:
    """Is `words[at]` the place of a sign said "in" or "on" it (after any determiners)?"""
    before = at - 1
    while before >= 0 and words[before] in _DETERMINERS:
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
