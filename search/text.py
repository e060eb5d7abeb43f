"""Text normalisation shared by indexing, query analysis and both backends.

Accents, case, apostrophes and hyphens never matter: "Friedreich's" = "friedreich",
"prader willi" = "Prader-Willi", "Sjögren" = "sjogren".
"""

from __future__ import annotations

import html
import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
WORD_RE = re.compile(r"[a-z0-9]+")

# Sentinels the engines wrap matches in; private-use characters never occur in our text.
MARK_START = "\ue000"
MARK_END = "\ue001"

STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
        "it", "its", "my", "of", "on", "or", "our", "the", "to", "with", "was", "were", "what",
        "which", "who", "why", "how", "does", "do", "did", "can", "child", "children", "kid",
        "son", "daughter", "no", "not", "but", "very", "he", "she", "they", "his", "her", "their",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case and strip accents ("Sjögren" -> "sjogren")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def prepare_text(text: str) -> str:
    """Text as both engines index it: unified apostrophes and dashes, possessives dropped."""
    text = _DASHES.sub("-", text.translate(_APOSTROPHES))
    return _SPACES.sub(" ", _POSSESSIVE.sub("", text)).strip()


def phrase_form(text: str) -> str:
    """A name reduced to its words: "Friedreich's ataxia" -> "friedreich ataxia"."""
    words = _NON_WORD.sub(" ", fold(prepare_text(text)).replace("_", " "))
    return _SPACES.sub(" ", words).strip()


def key_form(text: str) -> str:
    """An identifier or symbol, case and accents folded but punctuation kept ("orpha:70")."""
    return _SPACES.sub(" ", fold(text.translate(_APOSTROPHES))).strip()


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return WORD_RE.findall(phrase_form(text))


def content_words(text: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """Words that carry meaning (no stopwords), in order."""
    return [w for w in words(text) if w not in stopwords]


def safe_snippet(marked: str) -> str:
    """Escape engine output, then turn the match sentinels into <mark> tags."""
    escaped = html.escape(marked, quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


MAX_SYMBOL_LENGTH = 20
_WORD_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def is_symbol_like(word: str) -> bool:
    """A folded word shaped like a gene or protein symbol: a letter first, then at least one
    digit ("mecp2", "scn1a", "ptpn11p4"); never a bare number or an ordinary word."""
    return (
        len(word) <= MAX_SYMBOL_LENGTH
        and word[:1].isalpha()
        and word.isalnum()
        and any(c.isdigit() for c in word)
    )


def swapped_neighbours(word: str) -> set[str]:
    """`word` with two adjacent characters swapped, every way ("cfrt" -> "fcrt", "crft", "cftr")."""
    found = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    found.discard(word)
    return found


def undoubled_neighbours(word: str) -> set[str]:
    """`word` with one of two equal adjacent characters dropped ("aak2" -> "ak2"): a key
    pressed twice, which keeps every letter of the word meant, as a swap does."""
    return {word[:i] + word[i + 1 :] for i in range(len(word) - 1) if word[i] == word[i + 1]}


# Letter keys by row with each row's offset in key widths; number keys are left out: a digit
# typed differently names another gene of the family ("SMN3": SMN1 or SMN2), not a slip.
_KEY_ROWS = (("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75))


def _neighbouring_keys() -> dict[str, str]:
    places = {
        key: (row, column + offset)
        for row, (keys, offset) in enumerate(_KEY_ROWS)
        for column, key in enumerate(keys)
    }
    return {
        key: "".join(
            other
            for other, (other_row, other_x) in places.items()
            if other != key and abs(other_row - row) <= 1 and abs(other_x - x) <= 1
        )
        for key, (row, x) in places.items()
    }


NEIGHBOURING_KEYS = _neighbouring_keys()


def near_slip_neighbours(word: str) -> set[str]:
    """`word` with one character put back where it was dropped, or one letter replaced by a
    key beside it ("r1h4" -> "nr1h4", "klec4" -> "klrc4"): the likeliest slips after a swap or
    a doubled key, before any other one-character change."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {left + c + right for left, right in splits for c in _WORD_CHARACTERS}
    found |= {
        left + key + right[1:]
        for left, right in splits
        if right
        for key in NEIGHBOURING_KEYS.get(right[0], "")
    }
    found.discard(word)
    return found


def one_edit_neighbours(word: str) -> set[str]:
    """Every word one deletion, adjacent swap, replacement or insertion away from `word`.

    Spelling candidates from the in-process lexicon: trigram likeness misses a swap in a short
    word ("cfrt" and "cftr" share 2 of 8 trigrams), which is the commonest slip in a symbol.
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {left + right[1:] for left, right in splits if right}
    found |= swapped_neighbours(word)
    found |= {left + c + right[1:] for left, right in splits if right for c in _WORD_CHARACTERS}
    found |= {left + c + right for left, right in splits for c in _WORD_CHARACTERS}
    found.discard(word)
    return found


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), capped at `limit`."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
        if min(previous) >= limit:
            return limit
    return min(previous[-1], limit)
