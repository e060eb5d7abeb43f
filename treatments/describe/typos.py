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


def _one_slip(word: str) -> set[str]:
    """Every spelling one slip away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    added = {a + c + b for a, b in splits for c in ascii_lowercase}
    return (dropped | swapped | changed | added) - {word}


def mended_stem(word: str, table: PhraseTable) -> str | None:
    """The stem `word` meant when it is a slip of exactly one everyday sign word, else None
    (the word is known, familiar, short, not a word, or a slip of two different words)."""
    if len(word) < MIN_LENGTH or not word.isalpha() or stem(word) in table.known_stems:
        return None
    if is_ordinary_word(word):
        return None
    meant = {s for s in map(stem, _one_slip(word)) if s in table.everyday_stems}
    return meant.pop() if len(meant) == 1 else None
