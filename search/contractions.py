"""Contractions a phone types without the apostrophe ("hes always tired", "cant walk", "im 34").

In a family's sentence they are sentence words, as "he", "is" and "not" are: never a name.
"hes" is also how the index folds the abbreviation HES (hypereosinophilic syndrome), and
"cant" is one slip from the gene CAT, so read as names they led a description's results with
a condition nobody asked about. A physician's "HES", "HES treatment" or "what is hes" still
names it: the word is a name when typed alone, in capitals beside lower-case words, or as the
name a question wraps, and when the query does not read as a sentence.

The list is closed and every entry is only ever a contraction. Left out on purpose, as real
words or names: "ill", "well", "were", "shed", "wed", "hell", "lets", "id" and "hed" (HED,
hypohidrotic ectodermal dysplasia); "its" and "were" are stopwords already.
"""

from __future__ import annotations

import re
from itertools import pairwise

from search.ordinary_words import is_known_word
from search.text import fold, words

# A pronoun or question word joined to its verb ("he's", "I'm", "they've"): a clause never ends
# on one, so one typed last is a name ("eosinophils in hes").
JOINED_VERBS = frozenset(
    {
        "hes", "shes", "im", "ive", "youre", "youve", "youll", "youd", "weve", "theyre",
        "theyve", "theyll", "theyd", "theres", "thats", "whats", "whos", "wheres", "hows",
        "itll",
    }
)  # fmt: skip
# A verb joined to "not" ("can't", "won't"): it may end a clause ("he just cant").
NEGATIVES = frozenset(
    {
        "cant", "dont", "wont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent",
        "hasnt", "havent", "hadnt", "couldnt", "wouldnt", "shouldnt", "mustnt", "neednt",
        "aint",
    }
)  # fmt: skip
CONTRACTIONS = JOINED_VERBS | NEGATIVES
SENTENCE_WORDS = 3  # a query this long with a sentence word reads as a sentence
_TYPED_WORD = re.compile(r"[^\W_]+")


def typed_as_abbreviation(query: str) -> frozenset[str]:
    """The contractions typed as an abbreviation, folded: in capitals, alone or beside a word in
    lower case ("HES", "treatment for HES in adults"). A query all in capitals says nothing."""
    typed = _TYPED_WORD.findall(query)
    capitals = {fold(w) for w in typed if w.isupper() and fold(w) in CONTRACTIONS}
    if len(typed) == 1 or any(not w.isupper() for w in typed if w.isalpha()):
        return frozenset(capitals)
    return frozenset()


def said_words(query: str, *, name: str | None = None) -> frozenset[str]:
    """The contractions of `query` that are sentence words, not names: in three words or more,
    a contraction makes the query a sentence, as a stopword does, and in two when the other
    word says a sign ("hes delayed", `_says_a_sign`). (A description of signs with
    one is always that long: the describer reads one sign only in four words or more, and two
    words naming two signs leave no room for a contraction.)

    Never the name a question wraps (`name`, from `unwrapped_name`: "what is hes", "hes
    treatment"), a word typed as an abbreviation, or a joined verb typed last."""
    tokens = words(query)
    found = set(tokens) & CONTRACTIONS
    if not found or (len(tokens) < SENTENCE_WORDS and not _says_a_sign(tokens)):
        return frozenset()
    found -= set(words(name or "")) | typed_as_abbreviation(query)
    found -= {tokens[-1]} & JOINED_VERBS
    # "he's" never follows a preposition or an article: there it is a name ("eosinophils in
    # hes patients", "steroids for hes").
    found -= {
        word
        for before, word in pairwise(tokens)
        if word in JOINED_VERBS and before in _BEFORE_A_NAME
    }
    return frozenset(found)


# What a joined verb says of someone in two words: a participle or an adjective's ending
# ("hes delayed", "shes floppy", "im dizzy", "hes autistic"; "shes nervous"),
# or one of the plain adjectives families use for a person's body or state, which have no
# such ending ("hes weak", "shes pale", "hes aggressive"). After the name HES comes a noun ("hes
# eosinophils", "hes heart"), which keeps it a name.
_PREDICATE_ENDINGS = ("ed", "ing", "y", "ic")
# Not "-ive": a physician's "hes myeloproliferative", "hes reactive" name HES's kinds.
_ADJECTIVE_ENDINGS = ("ous", "ful", "less", "ish")  # adjectives only, known or not
_PLAIN_ADJECTIVES = frozenset(
    {
        "weak", "small", "short", "tall", "thin", "fat", "big", "slow", "late", "behind",
        "deaf", "blind", "mute", "pale", "sick", "unwell", "stiff", "numb", "sore", "quiet",
        "obese", "bald", "cold", "hot", "yellow", "blue", "hyper", "nonverbal",
        "aggressive", "hyperactive", "impulsive", "destructive", "unresponsive", "passive",
    }
)  # fmt: skip


def _says_a_sign(tokens: list[str]) -> bool:
    """Is a two-word query a sentence about a sign: a contraction, then a word a family knows
    for what it says ("cant walk", "hes delayed", "shes floppy")? A joined verb needs a word
    shaped as what it says of someone; "can't" any known word (a verb)."""
    if len(tokens) != 2:
        return False
    first, second = tokens
    if first in NEGATIVES:
        return is_known_word(second)
    if first not in JOINED_VERBS:
        return False
    if second in _PLAIN_ADJECTIVES or second.endswith(_ADJECTIVE_ENDINGS):
        return True
    return second.endswith(_PREDICATE_ENDINGS) and is_known_word(second)


_BEFORE_A_NAME = frozenset(
    {"in", "with", "for", "of", "the", "an", "on", "about", "from", "without", "versus", "vs"}
)
