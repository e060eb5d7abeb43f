"""British medical spellings read as the American ones the sources use.

Orphanet, HPO and HGNC write "hemophilia", "leukemia", "esophageal", "edema"; a family in the
UK types "haemophilia", "leukaemia", "oesophageal", "oedema". Both are right, so neither is a
slip to correct ("Did you mean") and both are searched: the typed words match the few names
written the British way ("Acute myeloid leukaemia with myelodysplasia-related features").
"""

from __future__ import annotations

import re

# Word parts that only British spelling has (as patterns), with the American form. Parts, not
# whole words, so every form of a word is read ("haemolytic", "haematoma"; "anaemia",
# "ischaemic", "hyperkalaemic"; "lymphoedema"). An "oe" part starts a word, or follows no "i"
# ("angioedema" and "gastroesophageal" are American already); "leuco" only before the letters
# that begin the medical words (never "leucine" or "leucovorin"); Haemophilus, a germ's genus,
# is spelled so everywhere.
_PARTS = (
    (r"haem(?!ophilus)", "hem"),
    ("aem(?=i|$)", "em"),  # "anaemia", "ischaemic", and "leukaem" typed so far
    ("(?<!i)oedem", "edem"),
    ("(?<![a-z])oesoph", "esoph"),
    ("(?<![a-z])oestr", "estr"),
    ("coeliac", "celiac"),
    ("foet(?=al|us)", "fet"),
    ("paed", "ped"),
    ("rrhoea", "rrhea"),
    ("pnoea", "pnea"),
    ("aesthe", "esthe"),
    ("aetiolog", "etiolog"),
    ("gynaec", "gynec"),
    ("leuco(?=[cdep])", "leuko"),
    ("sulph", "sulf"),
    ("tumour", "tumor"),
    ("behaviour", "behavior"),
    ("colour", "color"),
    ("ageing", "aging"),
)
_PART_RES = tuple((re.compile(pattern, re.IGNORECASE), american) for pattern, american in _PARTS)
MIN_WORD = 5  # a short word with such letters is a symbol or an abbreviation ("PAED1"), not one


def american_spelling(text: str) -> str | None:
    """`text` with each British spelling American ("haemophilia A" -> "hemophilia A"); None
    when it has none."""

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        if len(token) < MIN_WORD:
            return token
        for pattern, american in _PART_RES:
            token = pattern.sub(american, token)
        return token

    american = re.sub(r"[^\W\d_]+", word, text)
    return american if american != text else None
