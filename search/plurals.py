"""Group names typed in the plural ("leukodystrophies", "mucopolysaccharidoses", "muscular
dystrophies") read as the singular the sources name the group by ("Leukodystrophy"). A plural
is a right word: it is searched, not offered as a correction.

Only the endings of medical nouns are read (-oses, -ies, -ias, -omas, -pathies and the head
nouns diseases, syndromes, disorders); a word that merely ends in "s" ("fibrosis", "diabetes",
"rickets", "Graves") is left alone.
"""

from __future__ import annotations

import re

_ENDINGS = (
    (re.compile(r"(?<=[a-z]{4})oses$"), "osis"),
    (re.compile(r"(?<=[a-z]{4})ies$"), "y"),
    (re.compile(r"(?<=[a-z]{3})ias$"), "ia"),
    (re.compile(r"(?<=[a-z]{3})omas$"), "oma"),
)
# Words whose singular ends so too.
_SINGULAR_ALREADY = frozenset({"species", "series", "scabies", "rabies", "caries"})
_HEADS = {
    "diseases": "disease",
    "syndromes": "syndrome",
    "disorders": "disorder",
    "conditions": "condition",
    "dystrophies": "dystrophy",
    "myopathies": "myopathy",
}


def singular_form(text: str) -> str | None:
    """`text` with each plural medical noun singular ("leukodystrophies" -> "leukodystrophy");
    None when it has none."""

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        lower = token.lower()
        if lower in _HEADS:
            return _HEADS[lower]
        if lower in _SINGULAR_ALREADY:
            return token
        for pattern, singular in _ENDINGS:
            if pattern.search(lower):
                return pattern.sub(singular, lower)
        return token

    singular = re.sub(r"[^\W\d_]+", word, text)
    return singular if singular != text else None
