"""Which apostrophe-less contractions a query reads as sentence words, and which as names: the
rule `search.contractions` decides from what the query is, never from case alone."""

from __future__ import annotations

import pytest

from search.contractions import said_words, typed_as_abbreviation


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("hes always tired and hes delayed", {"hes"}),
        ("hes always tired", {"hes"}),  # three words: the contraction makes it a sentence
        ("Hes always tired", {"hes"}),  # a phone capitalises the first word
        ("HES ALWAYS TIRED", {"hes"}),  # all in capitals: case says nothing
        ("im 34 and cant walk", {"im", "cant"}),
        ("he just cant", {"cant"}),  # "can't" may end a clause
        ("theres a rash on his arm", {"theres"}),
        # Two words are a sentence when the second says a sign: a participle or a "-y" word
        # after a joined verb, any known word (a verb) after a negative.
        ("hes delayed", {"hes"}),
        ("Hes delayed", {"hes"}),
        ("shes floppy", {"shes"}),
        ("cant walk", {"cant"}),
        # A plain adjective or an adjective's ending after a joined verb says a sign too.
        ("hes weak", {"hes"}),
        ("hes small", {"hes"}),
        ("shes pale", {"shes"}),
        ("hes aggressive", {"hes"}),
        ("hes hyperactive", {"hes"}),
        ("hes impulsive", {"hes"}),
        ("shes nervous", {"shes"}),
    ],
)
def test_a_contraction_in_a_sentence_is_a_sentence_word(query: str, said: set[str]) -> None:
    assert said_words(query) == said


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("HES", None),  # typed alone
        ("HES delayed", None),  # in capitals beside a lower-case word
        ("hes eosinophils", None),  # a noun after the name: two words are no sentence
        ("hes heart", None),
        ("hes trial", None),  # a noun, though one ending as "-al" adjectives do
        ("hes myeloproliferative", None),  # a physician's kind of HES
        ("hes reactive", None),
        ("HES weak", None),  # in capitals beside a lower-case word
        ("HES treatment options", None),  # in capitals beside lower-case words
        ("treatment for HES in adults", None),
        ("hes treatment options", "hes"),  # the name a question wraps
        ("eosinophils very high in hes", None),  # "he's" never ends a clause
        ("eosinophils in hes patients", None),  # nor follows a preposition or article
        ("steroids for hes with heart involvement", None),
        ("CANT1 skeletal dysplasia", None),  # a symbol is no contraction
        ("well ill were shed", None),  # real words are left out of the list
    ],
)
def test_a_contraction_that_names_something_is_no_sentence_word(
    query: str, name: str | None
) -> None:
    assert said_words(query, name=name) == frozenset()


def test_capitals_mark_an_abbreviation_only_beside_lower_case_or_alone() -> None:
    assert typed_as_abbreviation("CANT") == {"cant"}
    assert typed_as_abbreviation("treatment for HES") == {"hes"}
    assert typed_as_abbreviation("HES ALWAYS TIRED") == frozenset()
    assert typed_as_abbreviation("Hes always tired") == frozenset()
