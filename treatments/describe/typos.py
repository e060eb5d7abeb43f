"""A phone's slips in a family's everyday words, mended before a description is read: a word
no sign name knows and no familiar English word is, one slip away from exactly one word of the
curated everyday phrasings ("siezures" = "seizures", "migranes" = "migraines", "apetite" =
"appetite"). Plain Python over the phrase table's stems. A slip into a word only HPO's names
use is not mended: "drenching" is one letter from "wrenching" and means nothing of the kind.

One slip is one letter dropped, added, changed, or two neighbours swapped (Damerau's single
edit), the slips a thumb makes. Only words of six letters or more are mended: a short word is
one slip away from too many others ("tall", "tail", "toil").
"""

from __future__ import annotations

from string import ascii_lowercase
from typing import TYPE_CHECKING

from search.ordinary_words import is_ordinary_word
from treatments.describe.words import stem

if TYPE_CHECKING:
    from treatments.describe.recognise import PhraseTable

MIN_LENGTH = 6
TWO_SLIP_LENGTH = 8  # a word this long is two slips from few others


def _one_slip(word: str) -> set[str]:
    """Every spelling one slip away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    added = {a + c + b for a, b in splits for c in ascii_lowercase}
    return (dropped | swapped | changed | added) - {word}


def _doubling(word: str) -> set[str]:
    """Every spelling with one doubled letter made single or one letter doubled ("apetite" ->
    "appetite"): the slip that keeps how a word sounds."""
    single = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    double = {word[: i + 1] + word[i:] for i in range(len(word))}
    return (single | double) - {word}


def _within_two(word: str, other: str) -> bool:
    """Is `other` at most two slips (Damerau's edits) from `word`?"""
    if abs(len(word) - len(other)) > 2:
        return False
    previous2: list[int] = []
    previous = list(range(len(other) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(other, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == other[j - 2] and word[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
        if min(current) > 2:
            return False
    return previous[-1] <= 2


def mended_stem(word: str, table: PhraseTable) -> str | None:
    """The stem `word` meant when it is a slip of exactly one sign word, else None (the word
    is known, familiar, short, not a word, or a slip of two different words). A slip is
    mended into an everyday word; into a word only HPO's names use only when it doubles or
    undoubles a letter ("apetite"), which keeps the word's sound; and two slips of a long
    word only into the one everyday word two slips away that starts as it does, when any
    other word that near is a spelling of it ("testicals" = "testicles", as "testicule")."""
    if len(word) < MIN_LENGTH or not word.isalpha() or stem(word) in table.known_stems:
        return None
    if is_ordinary_word(word):
        return None
    meant = {s for s in map(stem, _one_slip(word)) if s in table.everyday_stems}
    if meant:
        return meant.pop() if len(meant) == 1 else None
    meant = {s for s in map(stem, _doubling(word)) if s in table.known_stems}
    if meant:
        return meant.pop() if len(meant) == 1 else None
    if len(word) < TWO_SLIP_LENGTH:
        return None
    typed = stem(word)
    near = {s for s in table.known_stems if s[:2] == typed[:2] and _within_two(typed, s)}
    everyday = near & table.everyday_stems
    if len(everyday) != 1:
        return None
    # Other words that near are spellings of the same word ("testicule" of "testicle").
    meant = everyday.pop()
    return meant if near - {meant} <= _one_slip(meant) else None
