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

from search.keys import key_holder_names, key_holders, title_of_phrase, title_opening
from search.name_forms import EPONYM_NEXT
from search.pointers import CONDITION
from search.text import fold, phrase_form, prepare_text, words
from search.wrapped_names import unwrapped_name

_CASED_WORD = re.compile(r"[^\W_]+")
_JOINED_FIRST = re.compile(r"[^\W_]+-")  # "Prader-Willi": a first word joined to a name


def as_written(proposal: str, typed: str = "") -> str:
    """`proposal` with each word as written: the name of a document it spells whole or opens
    ("Prader-Willi"), else the name a question wraps written so ("treatment for Fabry disease"),
    and each other changed word as the symbol or name holding it writes it, the rest as `typed`."""
    phrase = phrase_form(proposal)
    if not phrase:
        return proposal
    whole = _name_as_written(phrase)
    if whole is not None:
        return whole
    tokens = words(proposal)
    start, end, written = _wrapped_name_as_written(proposal, tokens)
    as_typed = _typed_forms(typed)
    # The word typed in each place, when the proposal changed words but not their number.
    typed_words = _cased_words(typed)
    in_place = typed_words if len(typed_words) == len(tokens) else [""] * len(tokens)
    shown = []
    for place, word in enumerate(tokens):
        if place == start:
            shown.append(_in_sentence(written, in_place[place]) if place else written)
        elif not start <= place < end:
            shown.append(
                as_typed.get(word) or _written_form(word) or _cased_as(word, in_place[place])
            )
    return " ".join(shown)


def _cased_as(word: str, typed: str) -> str:
    """A changed word with the capital the user gave the word in its place ("Angleman" ->
    "Angelman", "zellwegger" -> "zellweger")."""
    if typed[:1].isupper() and (typed[1:].islower() or len(typed) == 1):
        return word[:1].upper() + word[1:]
    return word


def _in_sentence(name: str, typed: str) -> str:
    """A name written inside a sentence: a title's first capital is kept only where it is a
    person's name ("cure for Fabry disease", "treatment for Prader-Willi", "for Cornelia de
    Lange") or was typed so ("medicine for Myasthenia gravis"); otherwise it is the title's
    alone and reads lower case mid-sentence ("medicine for myasthenia gravis")."""
    cased = _cased_words(name)
    first = cased[0] if cased else ""
    if not (first[:1].isupper() and first[1:].islower()) or typed[:1].isupper():
        return name
    later_capital = any(word[:1].isupper() for word in cased[1:])
    joined = _JOINED_FIRST.match(name) is not None
    before_head = len(cased) > 1 and cased[1].lower() in EPONYM_NEXT
    if later_capital or joined or before_head:
        return name
    return name[:1].lower() + name[1:]


def _name_as_written(phrase: str) -> str | None:
    """The name `phrase` spells whole (a title, else a synonym: "Pompe disease"), or the words
    of the name it opens, as written."""
    title = title_of_phrase(phrase)
    if title is not None:
        return title
    return _synonym_as_written(phrase) or _opening_as_written(phrase)


def _synonym_as_written(phrase: str) -> str | None:
    """The synonym `phrase` spells whole, as the document holding it most strongly writes it
    ("pompe disease" -> "Pompe disease", a synonym of ORPHA:365); names of two words or more, as
    for an opening, and of conditions: a sign's synonym is written as a sentence ("Tired
    easily"), not as a name."""
    if len(phrase.split()) < OPENING_MIN_WORDS:
        return None
    for names in key_holder_names(phrase, CONDITION):
        for name in names.split(" | "):
            if phrase_form(name) == phrase:
                return name
    return None


def _wrapped_name_as_written(proposal: str, tokens: list[str]) -> tuple[int, int, str]:
    """Where the name a question wraps is among `tokens`, and how it is written; (-1, -1, "")
    when there is none or no document writes it."""
    name = unwrapped_name(proposal)
    if name:
        size = len(name.split())
        for start in range(len(tokens) - size + 1):
            if " ".join(tokens[start : start + size]) == name:
                written = _name_as_written(name)
                if written is not None:
                    return start, start + size, written
                break
    return -1, -1, ""


OPENING_MIN_WORDS = 2  # one word opening a name is mostly capitalised as its first word only


def _opening_as_written(phrase: str) -> str | None:
    """The proposal as the name it opens writes those words ("prader willi" -> "Prader-Willi",
    from "Prader-Willi syndrome"): the best-ranked such name, None when no name opens so."""
    count = len(phrase.split())
    if count < OPENING_MIN_WORDS:
        return None
    title = title_opening(phrase)
    if title is None:
        return None
    spans = list(_CASED_WORD.finditer(title))  # accents kept: the title is not folded
    if len(spans) <= count or phrase_form(title[: spans[count - 1].end()]) != phrase:
        return None
    return title[: spans[count - 1].end()]


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
