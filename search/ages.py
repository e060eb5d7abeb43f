"""An age said in a sentence ("im 34 and cant walk", "my son is 9", "aged 52", "at 14 months"):
the number is how old someone is, no search term. As a term it matched every numbered
condition ("Spinocerebellar ataxia type 34", "Dystonia 34") and gene ("TEX52") in the hits
under a description's panel.
"""

from __future__ import annotations

import re

from search.text import words

_OLDEST = 120
# Words right before an age: "im 34", "i'm 34" (folded "i m"), "i am 52", "aged 9", "at age 4",
# "my son is 9", "she was 2", "he turned 5", "hes 9".
_BEFORE_AN_AGE = frozenset(
    {"im", "am", "aged", "age", "is", "was", "turned", "turns", "hes", "shes", "theyre"}
)
# Words right after one: "34 years old", "9 yrs", "14 months", "3 weeks", "2 yo".
_AFTER_AN_AGE = frozenset(
    {"year", "years", "yr", "yrs", "yo", "month", "months", "mo", "mos", "week", "weeks", "wks",
     "day", "days"}
)  # fmt: skip
# "3yo", "18mo", "2yrs" typed as one word.
_JOINED_AGE = re.compile(r"^\d{1,3}(?:yo|y|yr|yrs|mo|mos|m|wk|wks)$")


# What follows a number that is part of a name, not an age: "3M syndrome", "what is 47 XXY".
_NAMED_AFTER = frozenset({"syndrome", "disease", "deletion", "duplication", "trisomy"})
_KARYOTYPE = re.compile(r"^x{1,4}y{0,2}$|^xy{1,2}$")


def said_ages(query: str) -> frozenset[str]:
    """The words of `query` that say an age (folded): a number of 120 or less after "im",
    "aged", "is", ... or before "years", "months", ..., and a number joined to its unit; never
    one a name goes on with ("3m syndrome", "is 47 xxy")."""
    tokens = words(query)
    return frozenset(
        word
        for at, word in enumerate(tokens)
        if not _names_next(tokens, at)
        and (
            _JOINED_AGE.match(word)
            or (word.isdigit() and int(word) <= _OLDEST and _said_as_an_age(tokens, at))
        )
    )


def _names_next(tokens: list[str], at: int) -> bool:
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    return after in _NAMED_AFTER or bool(_KARYOTYPE.match(after))


def _said_as_an_age(tokens: list[str], at: int) -> bool:
    before = tokens[at - 1] if at else ""
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    said_by_me = before == "m" and at > 1 and tokens[at - 2] == "i"
    return before in _BEFORE_AN_AGE or said_by_me or after in _AFTER_AN_AGE
