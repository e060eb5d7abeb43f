"""Which word a quality belongs to when the sentence sets it beside another (plain Python, no
database): checks a phrase's chosen words must pass, beside `sentence_checks`.

A phrase may be read in any order ("muscles are weak" = "weak muscles"), but English ties a
quality to one word: a measure to the noun right after it ("low sugar"), a quality to the part
a clause is about ("the glands under my jaw are swollen"), "slow" to the verb whose pace it
says ("walking is slow").
"""

from __future__ import annotations

import re

from search.text import fold
from treatments.describe.persons import described_person
from treatments.describe.phrase_table import Phrase
from treatments.describe.sentence_checks import PARTS
from treatments.describe.whose import OWNERS, names_a_person
from treatments.describe.words import stem

# Words of size or amount, which stand right before the noun they measure ("low sugar",
# "long grass", "high temperature"); `scan` marks them when one is typed so (its `qualifying`).
MEASURES = frozenset(
    ["low", "high", "long", "big", "small", "large", "tall", "wide", "narrow", "thick", "deep",
     "heavy"]
)  # fmt: skip


def describes_the_next_word(
    toks: list[tuple[str, str]], span: tuple[int, ...], qualifying: frozenset[int]
) -> bool:
    """Does the reading end on a measure typed right before a word it does not take? Then the
    measure is that word's: "sweaty with low sugar" is low sugar, no "Sweating, decreased"
    (HPO's order), though "sweating is low" and "sweating low at night" are."""
    last = max(span)
    return (
        len(span) > 1
        and last in qualifying
        and last + 1 < len(toks)
        and toks[last + 1][0] not in {toks[p][0] for p in span}  # "next to the big toe"
        and toks[last][1] in MEASURES
        and toks[last + 1][1] not in _NO_NOUN
        and not toks[last + 1][1].endswith("ly")
    )


def attributive(words: list[str], at: int) -> bool:
    """Is `words[at]` a measure typed before its noun rather than said of a subject? After a
    copula ("her temperature is high every night", "is very high", "her temperature's high
    every night") it is the subject's, so the next word is not what it measures."""
    if words[at] not in MEASURES:
        return False
    before = at - 1
    while before >= 0 and words[before] in _DEGREES:
        before -= 1
    return before < 0 or not (words[before] in _COPULAS or _contracted_copula(words, before))


def _contracted_copula(words: list[str], at: int) -> bool:
    """Is `words[at]` a subject joined to "is" ("her temperature's", "his head's", "it's")? A
    thing owned by the person ("her", "his", "the" before it) has nothing of its own that a
    measure could describe, where a person does ("my son's big toe", "her brother's big head");
    with no owner before it, "Jack's big toe" is a name's."""
    word = words[at]
    if word in _JOINED_IS:
        return True
    if not word.endswith("'s") or names_a_person(word[:-2]):
        return False
    return at > 0 and words[at - 1] in OWNERS


# Not "its", usually a possessive ("its big toe"). Not search.contractions.JOINED_VERBS either:
# most of those join another verb than "is" ("ive", "theyll", "youd").
_JOINED_IS = frozenset(["it's", "he's", "she's", "that's", "hes", "shes", "thats"])


_COPULAS = frozenset(["is", "are", "was", "were", "be", "been", "looks", "look", "seems", "seem"])
_DEGREES = frozenset(["very", "really", "so", "too", "quite"])


# Words after a measure that say when, how much or finish a verb, not what is measured ("his
# oxygen is low even on the mask", "sugar low today").
_NO_NOUN = frozenset(["even", "ever", "enough", "again", "today", "tonight", "lately", "recently",
                      "though", "up", "down", "out", "off", "back", "away"])  # fmt: skip


def said_of_the_part_before(
    toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]
) -> bool:
    """Does the reading start at a part that only says where the glands are, leaving them? In
    "the glands under my jaw are swollen" and "the glands in his neck are swollen" the glands
    (lymph nodes) swell, not the jaw or the neck ("swelling under my jaw" takes the place, as
    nothing stands before it). Other parts are the placed part's own: "the muscles in his
    thighs are weak" are weak thighs, "blood in his wee" is still wee."""
    first = min(span)
    if first not in placed or first < 1 or toks[first][0] not in PARTS:
        return False
    before = first - 1
    return before not in span and toks[before][0] in _GLANDS and max(span) > first


# What sits beside a part rather than being one of its own (HPO's Lymphadenopathy: "swollen
# glands" are lymph nodes).
_GLANDS = frozenset(stem(word) for word in ["gland", "node"])


# The milestone a family says was late with "slow to" ("slow to walk") that also has an
# adult's pace: "walking is slow". Not sitting or crawling, which are only a baby's ("crawling
# was slow" is late crawling); not talking: "his speech is slow" is HPO's Slow and slurred
# speech as well as a late milestone.
_MILESTONES = frozenset([stem("walk")])
_SLOW = stem("slow")


def pace_for_lateness(
    toks: list[tuple[str, str]], phrase: Phrase, span: tuple[int, ...], young: bool
) -> bool:
    """A milestone's "slow to" read from "slow" after the verb: "slow to walk" says walking came
    late (a child's milestone), "walking is slow", "my walking got slow" and "walks slowly" say
    how fast someone walks now (an adult's gait), so they are no Delayed ability to walk. Of a
    baby or a toddler (`young`: "he is 18 months and his walking is slow") it is the milestone."""
    if young or _SLOW not in phrase.stems:
        return False
    slow_at = phrase.stems.index(_SLOW)
    for verb_at, verb in enumerate(phrase.stems):
        if verb in _MILESTONES and slow_at < verb_at and span[slow_at] > span[verb_at]:
            return True
    return False


# Ages in months (a baby or a toddler) that `described_person` leaves unread: "he is 18 months".
_MONTHS_OLD = re.compile(r"\b(?:is|was|turned|aged?) \d{1,2} ?(?:months?|mths?)\b")
_YOUNG_ONSETS = frozenset(["neonatal", "infancy", "childhood"])


def of_a_young_child(query: str) -> bool:
    """Is the person described a baby or a toddler: a baby word, an age under 5 or in months?"""
    if described_person(query).latest_onset in _YOUNG_ONSETS:
        return True
    return bool(_MONTHS_OLD.search(fold(query).lower()))
