"""Words that say which way a sign goes, in opposite pairs (plain Python, numpy).

A sentence encoder puts "long arms" near "Short arms" and "his tonsils are tiny" near "Enlarged
tonsils": the words differ only in which way they go, which embeddings hardly weigh. Each text
gets a bit per side it names; a name that takes one side where the clause takes only the other
is not the clause's sign.
"""

from __future__ import annotations

import re

import numpy as np

_PAIRS = (
    ({"small", "smaller", "tiny", "little", "short", "shorter", "reduced", "decreased", "less",
      "low", "lower", "underdeveloped", "hypoplastic", "hypoplasia", "shrunken", "decrease",
      "smallness"},
     {"big", "bigger", "large", "larger", "huge", "enlarged", "long", "longer", "tall",
      "taller", "increased", "high", "higher", "more", "giant", "excessive", "extra", "macro",
      "overgrowth", "swollen", "enlargement", "hypertrophy", "increase", "elevated", "excess"}),
    ({"thin", "thinner", "fine", "sparse", "narrow", "narrower"},
     {"thick", "thicker", "thickened", "coarse", "dense", "wide", "wider", "broad", "broader"}),
    ({"slow", "slower", "late", "delayed"}, {"fast", "faster", "rapid", "quick", "early", "premature"}),
    ({"dry", "drier"}, {"wet", "watery", "moist", "oily"}),
    ({"absent", "missing", "no", "lack", "loss", "lost"}, {"extra", "additional", "accessory", "duplicated"}),
    ({"upper", "up", "upward", "upwards", "top"}, {"lower", "down", "downward", "downwards", "bottom"}),
    ({"left"}, {"right"}),
    ({"pale", "light", "fair"}, {"dark", "darker"}),
)  # fmt: skip
# A colour in a name the clause names another colour than ("a red patch" is no White patch).
_COLOURS = (
    "red",
    "white",
    "yellow",
    "blue",
    "purple",
    "brown",
    "black",
    "green",
    "grey",
    "orange",
    "pink",
)
_WORDS = re.compile(r"[a-z]+")


def sides(text: str) -> int:
    """Bit 2k: the text takes pair k's first side; bit 2k+1: its second side; then a bit per
    colour."""
    words = set(_WORDS.findall(text.lower()))
    bits = 0
    for c, colour in enumerate(_COLOURS):
        if colour in words:
            bits |= 1 << (2 * len(_PAIRS) + c)
    for k, (first, second) in enumerate(_PAIRS):
        if words & first:
            bits |= 1 << (2 * k)
        if words & second:
            bits |= 1 << (2 * k + 1)
    return bits


def clashing(clause: str, name_sides: np.ndarray) -> np.ndarray:
    """Which names (by their `sides`) take only the side opposite to one the clause takes only."""
    own = sides(clause)
    clash = np.zeros(name_sides.shape, dtype=bool)
    for k in range(len(_PAIRS)):
        first, second = 1 << (2 * k), 1 << (2 * k + 1)
        said = own & (first | second)
        if said in (first, second):
            other = second if said == first else first
            clash |= (name_sides & (first | second)) == other
    colours = sum(1 << (2 * len(_PAIRS) + c) for c in range(len(_COLOURS)))
    if own & colours:
        clash |= ((name_sides & colours) != 0) & ((name_sides & own & colours) == 0)
    return clash
