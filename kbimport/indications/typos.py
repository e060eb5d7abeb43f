"""A misspelt long word in a designation ("acromegly", "congential"), read as the one word of
the knowledge base's names it is one edit (a letter added, dropped, changed or two swapped) away
from. Only words the names never use are read again, and only when exactly one word fits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

MIN_LENGTH = 8  # shorter words have too many neighbours one edit away


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = sorted((a, b), key=len)
    return short in _deletions(long)


class Vocabulary:
    """Every word of the stored names, with their one-letter deletions for quick look-up."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = set(words)
        self._keys: dict[str, set[str]] = defaultdict(set)
        for word in self.words:
            if len(word) >= MIN_LENGTH - 1:
                for key in {word, *_deletions(word)}:
                    self._keys[key].add(word)

    def correction(self, word: str) -> str | None:
        """The one known word a long unknown word is one edit away from, else None."""
        if len(word) < MIN_LENGTH or word in self.words or not word.isalpha():
            return None
        near = {w for key in {word, *_deletions(word)} for w in self._keys.get(key, ())}
        near = {w for w in near if _one_edit(word, w)}
        return next(iter(near)) if len(near) == 1 else None

    def corrected(self, text: str) -> str | None:
        """The text with its one misspelt word read again; None when there is not exactly one."""
        words = text.split()
        fixes = [(i, fix) for i, w in enumerate(words) if (fix := self.correction(w))]
        if len(fixes) != 1:
            return None
        index, fix = fixes[0]
        return " ".join([*words[:index], fix, *words[index + 1 :]])
