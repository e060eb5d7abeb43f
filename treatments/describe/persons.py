"""Who a family describes: the child's sex and how old they were when the signs showed, read
from the closed set of words families use for them ("my daughter", "born with", "our baby",
"my teenager", "at 4"), plain Python.

Both feed the ranking as weak evidence that needs no sign to be read: a girl makes a condition
that is only X-linked recessive unlikely (the ranking's sex rule) and a boy makes it a little
likelier (`prior.boy_bonus`); a child whose signs showed at birth or in infancy makes a
condition that only ever starts years later unlikely (`latest_onset`). The age words give an upper bound only: a teenager's condition may have
started at birth, so "my teenager" says nothing against a congenital one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.text import fold
from treatments.describe.whose import others_words
from treatments.describe.words import typed_words
from treatments.phenotypes.scoring import ONSET_ORDER

_FEMALE = frozenset(["she", "her", "hers", "herself", "daughter", "girl", "sister", "niece"])
_MALE = frozenset(["he", "him", "his", "himself", "son", "boy", "brother", "nephew"])
# Words that say the signs were there by a given age (the class they fall in).
_BY_AGE = (
    (re.compile(r"\b(?:born|birth|newborn|neonate|neonatal)\b"), "neonatal"),
    # "baby teeth" are not a baby; "at 4 months", "a 3 month old" are.
    (re.compile(r"\b(?:baby|babies|infant|infancy)\b(?! teeth)"), "infancy"),
    (re.compile(r"\b(?:at|by|since|from) \d{1,2} ?(?:months?|weeks?|days?)\b"), "infancy"),
    (re.compile(r"\b\d{1,2}[ -]?(?:months?|weeks?|days?)[ -]old\b"), "infancy"),
    (re.compile(r"\b(?:toddler|preschooler)\b"), "childhood"),
)
_YEARS = re.compile(
    r"\b(?:at|by|since|from|age|aged)\s+(?:age\s+)?(\d{1,2})\b(?! ?(?:months?|weeks?|days?))|\b(\d{1,2})[ -]?(?:years?|yrs?|y)[ -]?old\b"
)


@dataclass(frozen=True)
class Person:
    """What the description says about the person: sex ("female" / "male" / None) and the
    latest onset class the signs can have started in (None: not said)."""

    sex: str | None
    latest_onset: str | None


def described_person(text: str) -> Person:
    """The sex and onset bound a description states, when it states them unambiguously (a
    relative's clause is left out: "he is floppy and his sister had seizures at 30" is a boy
    whose signs showed in infancy or not said)."""
    folded = _own_words(fold(text).lower())
    words = set(re.findall(r"[a-z]+", folded))
    female, male = bool(words & _FEMALE), bool(words & _MALE)
    sex = "female" if female and not male else "male" if male and not female else None
    bounds = [ONSET_ORDER.index(onset) for pattern, onset in _BY_AGE if pattern.search(folded)]
    for match in _YEARS.finditer(folded):
        years = int(match.group(1) or match.group(2))
        bounds.append(ONSET_ORDER.index(_onset_of_years(years)))
    latest = ONSET_ORDER[min(bounds)] if bounds else None
    return Person(sex=sex, latest_onset=latest)


def _own_words(folded: str) -> str:
    """The text without the clauses about someone else (`others_words`)."""
    words = typed_words(folded)
    others = others_words(words)
    if not others:
        return folded
    return " ".join(word for i, word in enumerate(words) if i not in others)


def _onset_of_years(years: int) -> str:
    """Orphanet's class for an age in years (childhood from 1, adolescent from 5 as the
    ranking's onset months say, adult from 16)."""
    if years < 1:
        return "infancy"
    if years < 5:
        return "childhood"
    if years < 16:
        return "adolescent"
    return "adult"
