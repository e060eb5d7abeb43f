"""Words that spelling correction must leave alone: ordinary English ("hold", "grows", "bath")
and the words a domain app knows for signs ("wobbly", "floppy").

The ordinary list is the Dale-Chall list of about 3,000 words familiar to most fourth-grade
readers, as textstat (a dependency, for the reading grade) ships it. A short list on purpose: a
full pronunciation dictionary also holds surnames and common misspellings ("duchene", "fabri"),
which are exactly the words the correction is for.

A domain app adds its own words through `register_known_words` (in its `search.py`, as it
registers documents and describers): the search framework never imports the app.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from importlib import resources

# Endings tried when a word is not in the list as typed, with what replaces them:
# "holding" -> "hold", "bathed" -> "bathe", "stopped" -> "stop", "babies" -> "baby".
_ENDINGS = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("est", ""),
    ("ly", ""),
    ("ily", "y"),
)


@cache
def familiar_words() -> frozenset[str]:
    """The Dale-Chall familiar words, lower case."""
    text = (resources.files("textstat") / "resources" / "en" / "easy_words.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


KnownWords = Callable[[], Collection[str]]
_SOURCES: list[KnownWords] = []


def register_known_words(source: KnownWords) -> KnownWords:
    """Register `source()`, the lower-case words an app knows (it keeps its own copy current
    and cheap: it is asked on every correction); returns it (a decorator)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


# Words condition names use to tell subtypes apart ("type 1", "juvenile form"): they name
# nothing on their own, though "type" is not in the familiar-word list.
SUBTYPE_WORDS = frozenset({"type", "types", "subtype", "form", "variant"})


def is_ordinary_word(word: str) -> bool:
    """True for a familiar English word or a regular inflection of one."""
    return _in_or_inflected(word, familiar_words())


def is_known_word(word: str) -> bool:
    """True for an ordinary word or a word a registered app knows, or an inflection of one."""
    return is_ordinary_word(word) or any(_in_or_inflected(word, source()) for source in _SOURCES)


def is_word_reading(term: str) -> bool:
    """Can a word typed in lower case be read as `term`? A word of four letters or more, or a
    known shorter word; never an abbreviation or a symbol of three characters ("pmpe" is
    "pompe", not PME, though "pme" is used more): a three-character reading is a symbol typed
    as one, in capitals."""
    return len(term) > 3 or is_known_word(term)


def _in_or_inflected(word: str, known: Collection[str]) -> bool:
    if word in known:
        return True
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if stem + replacement in known:
                return True
            # A doubled last consonant: "stopped", "hopping".
            if not replacement and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in known:
                return True
    return False
