"""The phrase table: every way of naming a sign as its stems, indexed by stem, and the signs
found (plain Python, no database)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from treatments.describe.courses import COURSES
from treatments.describe.words import NOT


@dataclass(frozen=True)
class Phrase:
    """One way of naming a sign: its stems, the HPO term it means and how trusted it is."""

    stems: tuple[str, ...]
    hpo_id: str
    priority: int  # 0 curated everyday phrase, 1 HPO name, 2 layperson synonym, 3 exact, 4-5 other
    source: str = ""
    compound: bool = False  # one hyphenated word ("Red-weak"): its parts must stand together
    plural: str = ""  # a stem that must be typed in the plural ("fevers" recur, "a fever" not)
    triggered: bool = False  # the sign said with what sets it off ("cramps in the cold")


@dataclass(frozen=True)
class Sign:
    """A sign found in the description: the HPO term and the words the user used for it."""

    hpo_id: str
    words: str
    negated: bool = False  # "no seizures": said to be absent, so not used for ranking
    source: str = ""
    # "her brother has seizures": someone else's sign (family history), not used for ranking
    relative: bool = False


@dataclass
class PhraseTable:
    """Phrases indexed by each of their stems, for matching a short query quickly."""

    phrases: list[Phrase] = field(default_factory=list)
    by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    known_stems: set[str] = field(default_factory=set)
    # The stems of the curated everyday phrasings: the words a phone's slip is mended into.
    everyday_stems: set[str] = field(default_factory=set)
    # by_stem as arrays, with each phrase's number of distinct stems: built on first match,
    # dropped whenever phrases change (counting hits in a Python loop was the reader's cost).
    _arrays: tuple[dict[str, np.ndarray], np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )

    def add(self, phrase: Phrase) -> None:
        """Add a phrase (duplicates of a stem tuple keep the best priority first)."""
        content = [s for s in phrase.stems if s != NOT and s not in COURSES]
        if not content or (len(content) == 1 and len(content[0]) < 3):
            return
        self._arrays = None
        index = len(self.phrases)
        self.phrases.append(phrase)
        for s in set(phrase.stems):
            self.by_stem[s].append(index)
        self.known_stems.update(phrase.stems)

    def extend(self, phrases: Iterable[Phrase]) -> None:
        """Add many phrases."""
        for phrase in phrases:
            self.add(phrase)

    def reindex(self) -> None:
        """Rebuild by_stem from the phrases (after they were reordered or edited)."""
        self.by_stem.clear()
        for index, phrase in enumerate(self.phrases):
            for s in set(phrase.stems):
                self.by_stem[s].append(index)
        self._arrays = None

    def complete(self, stems: Iterable[str]) -> list[int]:
        """The phrases (indices, ascending) whose every distinct stem is among `stems`."""
        if self._arrays is None:
            postings = {s: np.asarray(v, dtype=np.int64) for s, v in self.by_stem.items()}
            needed = np.array([len(set(p.stems)) for p in self.phrases], dtype=np.int64)
            self._arrays = (postings, needed)
        postings, needed = self._arrays
        lists = [postings[s] for s in set(stems) if s in postings]
        if not lists:
            return []
        ids, hits = np.unique(np.concatenate(lists), return_counts=True)
        return ids[hits == needed[ids]].tolist()
