"""Spelling correction leaves ordinary English words alone and still mends real typos.

"hold" is no word of the index, "hole" is ("Macular hole"): without the familiar-word list the
parent's "can't hold his head up" was offered "can t hole his head up" (issue 17).
"""

from __future__ import annotations

import pytest

from search import lexicon
from search.models import SearchTerm
from search.ordinary_words import is_ordinary_word
from search.spelling import spelling_correction


@pytest.mark.parametrize(
    "word", ["hold", "holding", "grows", "bath", "bathed", "babies", "stopped", "slowly"]
)
def test_familiar_words_and_their_inflections_are_ordinary(word: str) -> None:
    assert is_ordinary_word(word)


@pytest.mark.parametrize("word", ["duchene", "fabri", "fibrossis", "pompe", "muscullar", "hol"])
def test_typos_and_eponyms_are_not_ordinary(word: str) -> None:
    assert not is_ordinary_word(word)


@pytest.fixture
def index_words(db):
    # Real words of the index, with the frequencies the default install gives them.
    SearchTerm.objects.bulk_create(
        SearchTerm(term=term, frequency=frequency)
        for term, frequency in [("hole", 11), ("rows", 3), ("duchenne", 5), ("head", 300)]
    )
    lexicon.invalidate()
    yield
    lexicon.invalidate()


@pytest.mark.parametrize("query", ["can't hold his head up", "hold", "grows slowly"])
def test_an_everyday_word_is_not_rewritten(index_words, query: str) -> None:
    assert spelling_correction(query) is None


def test_a_misspelt_name_is_still_corrected(index_words) -> None:
    assert spelling_correction("duchene") == "duchenne"


def test_a_registered_words_source_makes_its_words_known() -> None:
    from search import ordinary_words

    assert not ordinary_words.is_known_word("wibbly")
    source = ordinary_words.register_known_words(lambda: frozenset({"wibbly", "wobble"}))
    try:
        assert ordinary_words.is_known_word("wibbly")
        assert ordinary_words.is_known_word("wobbles")  # an inflection of a registered word
        assert not ordinary_words.is_known_word("duchene")
    finally:
        ordinary_words._SOURCES.remove(source)


def test_the_everyday_sign_words_are_known_and_typos_are_not() -> None:
    from treatments.describe.lexicon import everyday_words

    words = everyday_words()
    assert {"wobbly", "floppy"} <= words
    for typo in ["duchene", "muscullar", "fibrossis", "fabri", "angelmann"]:
        assert typo not in words
