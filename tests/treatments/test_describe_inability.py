"""A negated ability verb is a sign in itself (issue 17, M25): "can't climb stairs" is put as
HPO's names put it, while a denial ("no seizures") or an ordinary "doesn't like" is not."""

from __future__ import annotations

import pytest

from search.text import fold
from treatments.describe.inability import negated_abilities
from treatments.describe.words import typed_words


def rewrite(clause: str) -> list[str]:
    return negated_abilities(typed_words(fold(clause).replace("\u2019", "'")))


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("he can't climb stairs", ["he unable to climb stairs"]),
        ("can not walk far without help", ["unable to walk far without help"]),
        ("still doesn't talk", ["still unable to talk"]),
        ("never learned to sit", ["unable to sit"]),
        ("she is unable to keep food down", ["she unable to keep food down"]),
        ("isn't able to straighten her knee", ["unable to straighten her knee"]),
        ("can no longer run", ["unable to run"]),
        ("doesnt seem to feel pain", ["unable to feel pain"]),
        # An "or" joins two abilities, each read on its own (not "tea or coffee").
        (
            "cant climb stairs or stand up from the sofa",
            ["unable to climb stairs", "unable to stand up from the sofa"],
        ),
        ("can't sit or walk", ["unable to sit", "unable to walk"]),
        ("can't hold a cup or spoon", ["unable to hold a cup or spoon"]),
    ],
)
def test_a_negated_ability_is_put_as_an_inability(clause: str, expected: list[str]) -> None:
    assert rewrite(clause) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "no seizures",  # a sign denied
        "he doesn't have fits",
        "never had a fever",
        "doesn't wee much",  # how often, not that he cannot
        "he doesn't like broccoli",
        "we can't get an appointment",
        "she never sleeps in the car",
        "walks without help",  # the negation is before no verb of what a body does
        "he has big calves",  # no negation at all
    ],
)
def test_denials_and_ordinary_negations_are_no_inability(clause: str) -> None:
    assert rewrite(clause) == []
