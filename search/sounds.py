"""Words that sound alike: a family types a name as it is said ("tay sax" for Tay-Sachs, "kneeman"
for Niemann, "fifer" for Pfeiffer), often more than one slip from the way it is written.

A word's sound keys are its consonant sounds in order, vowels dropped once they have kept two
sounds apart ("noonan", N-N-N, is not "nan"). A spelling said two ways gives both keys ("ch":
the "k" of Sachs or the "sh" of Duchenne), and a final "s" may be a dropped possessive
("battens"). Keys are coarse on purpose: `name_slips` reads a word by its sound only when the
name around it then becomes a document's exact key.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Collection, Mapping

# Spellings of one sound, longest first; a tuple is a spelling said two ways.
_SPELLINGS: tuple[tuple[str, str | tuple[str, ...]], ...] = (
    ("sch", "S"),
    ("tch", "S"),
    ("chs", ("KS", "S")),  # Sachs
    ("ch", ("K", "S")),  # Sachs or Duchenne
    ("sh", "S"),
    ("sj", "S"),  # Sjogren
    ("ph", "F"),
    ("pf", "F"),  # Pfeiffer
    ("gh", ""),  # Leigh
    ("th", "T"),
    ("ck", "K"),
    ("qu", "K"),
    ("x", "KS"),
    ("ce", "S"),
    ("ci", "S"),
    ("cy", "S"),
    ("c", "K"),
    ("q", "K"),
    ("k", "K"),
    ("z", "S"),
    ("s", "S"),
    ("v", "F"),
    ("f", "F"),
    ("b", "P"),
    ("p", "P"),
    ("d", "T"),
    ("t", "T"),
    ("j", "J"),
    ("ge", ("G", "J")),  # Gaucher's g, or Alagille's
    ("gi", ("G", "J")),
    ("gy", ("G", "J")),
    ("g", "G"),
    ("l", "L"),
    ("r", "R"),
    ("m", "M"),
    ("n", "N"),
)
_VOWELS = frozenset("aeiouy")
_SILENT = frozenset("hw")
_DOUBLED = re.compile(r"(.)\1+")
_SILENT_START = re.compile(r"^(?:kn|gn|pn|wr|ps)")  # "kneeman": the k is not said
MIN_LETTERS = 4  # the shortest word `name_slips` reads into
MIN_SOUNDS = 3  # one or two sounds ("lee": L; "wobbly": P-L, as "blue") are too many words' key
MAX_KEYS = 8  # a word said in more ways than this is left alone


_SOUNDS = {
    spelling: sounds if isinstance(sounds, tuple) else (sounds,) for spelling, sounds in _SPELLINGS
}
_GAP = ("",)  # a vowel: the sounds either side stay two


def sound_keys(word: str) -> frozenset[str]:
    """The keys of how `word` (folded letters) may be said; empty for a word too short to key."""
    if not word.isalpha() or not word.isascii():
        return frozenset()
    spelled = _SILENT_START.sub(lambda m: m.group()[1], word)
    spelled = _DOUBLED.sub(r"\1", spelled)  # a doubled letter is said once
    options: list[tuple[str, ...]] = []
    index = 0
    while index < len(spelled):
        letter = spelled[index]
        if letter in _VOWELS:
            options.append(_GAP)
            index += 1
            continue
        if letter in _SILENT:
            index += 1
            continue
        for size in (3, 2, 1):
            spelling = spelled[index : index + size]
            sounds = _SOUNDS.get(spelling) if len(spelling) == size else None
            if sounds is not None:
                options.append(sounds)
                # "ce", "gi": the vowel is said too, and keeps its gap
                index += size if size == 1 or spelling[1] not in _VOWELS else 1
                break
        else:
            index += 1
    if all(len(option) == 1 for option in options):
        keys = {_squeezed(tuple(option[0] for option in options))}
    else:
        keys = {
            _squeezed(parts) for parts in itertools.islice(itertools.product(*options), MAX_KEYS)
        }
    if len(spelled) > 3 and spelled.endswith("s") and spelled[-2] != "s":
        keys |= _said_consonants(spelled[:-1])  # "battens": a possessive typed without "'"
    if len(spelled) > 4 and spelled[-1] in "tdx" and spelled[-2] in _VOWELS:
        keys |= _said_consonants(spelled[:-1])  # a French name's last letter is unsaid: Gastaut
    kept = frozenset(key for key in keys if len(key) >= MIN_SOUNDS)
    return kept or _vowelled_keys(spelled)


# How a vowel is said, longest spelling first: a word of one or two consonant sounds is keyed
# with its vowels ("lee" and "leigh" are both L-ee; "lowe" is L-oh, "blue" is no "wobbly").
_VOWEL_SPELLINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("eigh", ("e", "a")),
    ("igh", ("i",)),
    ("ee", ("e",)),
    ("ea", ("e",)),
    ("ie", ("e", "i")),
    ("ei", ("e", "a")),
    ("ey", ("e", "a")),
    ("ay", ("a",)),
    ("ai", ("a",)),
    ("oa", ("o",)),
    ("oe", ("o",)),
    ("ow", ("o", "u")),
    ("oo", ("u",)),
    ("ou", ("u",)),
    ("ue", ("u",)),
    ("ew", ("u",)),
    ("a", ("a",)),
    ("e", ("e",)),
    ("i", ("i",)),
    ("o", ("o",)),
    ("u", ("u",)),
    ("y", ("i", "e")),
)
_VOWEL_SOUNDS = dict(_VOWEL_SPELLINGS)


def _vowelled_keys(spelled: str) -> frozenset[str]:
    """The keys of a short-sounding word, its vowels said too; a final silent "e" is dropped
    ("lowe") unless it is the only vowel ("lee", folded to "le")."""
    if spelled.endswith("e") and any(letter in _VOWELS for letter in spelled[:-2]):
        spelled = spelled[:-1]
    options: list[tuple[str, ...]] = []
    index = 0
    while index < len(spelled):
        for size in (4, 3, 2, 1):
            spelling = spelled[index : index + size]
            sounds = _VOWEL_SOUNDS.get(spelling) if len(spelling) == size else None
            if sounds is None and spelling in _SOUNDS and spelling[0] not in _VOWELS:
                sounds = _SOUNDS[spelling]
            if sounds is not None:
                options.append(sounds)
                index += size
                break
        else:
            index += 1  # a silent letter ("h", "w")
    keys = {"".join(parts) for parts in itertools.islice(itertools.product(*options), MAX_KEYS)}
    return frozenset(key for key in keys if len(key) >= 2 and not key.isupper())


def _said_consonants(spelled: str) -> frozenset[str]:
    return frozenset(key for key in sound_keys(spelled) if key.isupper())


def _squeezed(parts: tuple[str, ...]) -> str:
    """The sounds joined, one sound said twice in a row kept once; a vowel's gap keeps two."""
    key: list[str] = []
    previous = ""
    for part in parts:
        if not part:
            previous = ""
            continue
        for sound in part:
            if sound != previous:
                key.append(sound)
            previous = sound
    return "".join(key)


def sound_alike(word: str, by_key: Mapping[str, Collection[str]]) -> list[str]:
    """The known words that share a sound key with `word` (not `word` itself); `by_key` is
    `words_by_key` of the known words."""
    keys = sound_keys(word)
    if not keys:
        return []
    return sorted({term for key in keys for term in by_key.get(key, ()) if term != word})


def words_by_key(known: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Every known word of letters by its sound keys (~0.5 s for the default install's
    lexicon: its readers build it once per lexicon, `search.lexicon.Lexicon.derived`)."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for term in known:
        if len(term) >= MIN_LETTERS and term.isalpha():
            for key in sound_keys(term):
                by_key[key].append(term)
    return {key: tuple(terms) for key, terms in by_key.items()}
