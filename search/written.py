"""A "did you mean" shown as the knowledge base writes it: a gene symbol as HGNC writes it
("BARD1", "C9orf72"), a name as its document writes it ("Angelman syndrome"), and the words
the user typed as typed.

Query analysis works on folded words ("bard1"), so its proposals come out in lower case; this
reads the written forms from the PostgreSQL index (always kept up to date, whichever engine
answers), one or two indexed look-ups per proposal, only when there is one.
"""

from __future__ import annotations

import re
import unicodedata

from search.keys import key_holders, title_of_phrase
from search.text import fold, phrase_form, prepare_text, words

_CASED_WORD = re.compile(r"[^\W_]+")


def as_written(proposal: str, typed: str = "") -> str:
    """`proposal` with each word as written: the name of a document it spells whole, else each
    changed word as the symbol or name holding it writes it, and the others as `typed`."""
    phrase = phrase_form(proposal)
    if not phrase:
        return proposal
    title = title_of_phrase(phrase)
    if title is not None:
        return title
    as_typed = _typed_forms(typed)
    shown = []
    for word in words(proposal):
        form = as_typed.get(word) or _written_form(word)
        shown.append(form or word)
    return " ".join(shown)


def _cased_words(text: str) -> list[str]:
    """The words of `text` with their case kept (accents dropped), as `words` splits them."""
    decomposed = unicodedata.normalize("NFKD", prepare_text(text).replace("_", " "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _CASED_WORD.findall(plain)


def _typed_forms(typed: str) -> dict[str, str]:
    return {fold(word): word for word in _cased_words(typed)}


def _written_form(word: str) -> str | None:
    """How the document that holds `word` as an exact key (a symbol, an abbreviation) writes
    it in its id or name; None when none does, or only as a name's capitalised first word."""
    for curie, title in key_holders(word):
        if fold(curie) == word:
            return curie
        for position, written in enumerate(_cased_words(title)):
            if fold(written) != word:
                continue
            # "Angelman" opening "Angelman syndrome" is capitalised as a name's first word.
            if position or not written[1:].islower():
                return written
    return None
