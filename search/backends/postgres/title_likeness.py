"""How alike a hit's title and the query are: scored in stage two beside the match, never
matched."""

from __future__ import annotations

TITLE_SCALE = 60.0  # trigram likeness of the title to the query breaks ties between siblings
NEAR_NAME = 0.7  # word_similarity at which a name, synonyms included, is nearly the query


def title_likeness(widened: bool) -> str:
    """The likeness expression over `e` and the bound `%(phrase)s`, before `TITLE_SCALE`."""
    likeness = "similarity(e.title_norm, %(phrase)s)"
    if widened:
        # Some word matched nowhere (a misspelt "Werdnig Hoffman disease"): the name closest to
        # the whole query, synonyms included, beats a short title sharing one common word
        # ("Wolman disease"). Stage two only, so at most `CANDIDATES` rows pay for it.
        # Only a name nearly the whole query counts ("gene therapy for sma" shares "therapy"
        # with a medicine's name, 0.48; the misspelt eponym scores 0.88).
        likeness = (
            f"GREATEST({likeness}, CASE WHEN word_similarity(%(phrase)s, e.autocomplete_text)"
            f" >= {NEAR_NAME} THEN word_similarity(%(phrase)s, e.autocomplete_text) ELSE 0 END)"
        )
    return likeness
