"""A mark said to be of a colour its sign's marks never are (plain Python, no database): HPO's
bare synonym "Birthmark" names Cafe-au-lait spot, but "a red birthmark" is a vascular stain."""

from __future__ import annotations

from treatments.describe.phrase_table import Phrase
from treatments.describe.words import stem

# HPO (2025-01-16) names Cafe-au-lait spot by the bare synonym "Birthmark"; its spots are
# light brown, so a birthmark said to be red, pink or purple is none (a vascular stain).
_NOT_ITS_COLOUR = {"HP:0000957": frozenset(stem(w) for w in ["red", "pink", "purple"])}
# Words said of a mark between its colour and its name: "a red flat birthmark".
_MARK_SHAPES = frozenset(stem(w) for w in ["flat", "raised", "big", "large", "small", "little"])


def coloured_otherwise(
    toks: list[tuple[str, str]], phrase: Phrase, span: tuple[int, ...], predicated: frozenset[int]
) -> bool:
    """Is the mark a phrase names said to be of a colour the sign's marks never are ("a pink
    birthmark", "a red and raised birthmark", "her birthmark is red")? A colour said of
    another thing ("a birthmark and red eyes") is not the mark's."""
    colours = _NOT_ITS_COLOUR.get(phrase.hpo_id, frozenset())
    first, after = min(span), max(span) + 1
    said_before = first >= 1 and toks[first - 1][0] in colours
    shaped = first >= 2 and toks[first - 1][0] in _MARK_SHAPES and toks[first - 2][0] in colours
    said_after = after < len(toks) and after in predicated and toks[after][0] in colours
    return bool(colours) and (said_before or shaped or said_after)
