"""A sponsor's compound code in pasted text: "NTLA-2001", "BRL-101", "ALN-6400", "CMP-CPS-001".

Letters, a dash and a number name a drug under trial. Its letters are no misspelt word ("NTLA"
is not "ntal") and its number, read alone, is no gene's record number (NCBI Gene 2001 is ELF5,
2002 ELK1): the spelling and the sentence-part readings leave a code's pieces alone. A name
with a short number ("COVID-19") or a symbol with its number inside ("NKX2-1") is no code.
"""

from __future__ import annotations

import re

from search.text import words

_CODE = re.compile(r"(?<![\w-])(?:[A-Za-z]{2,6}-)+\d{3,6}(?![\w-])")


def compound_code_words(text: str) -> frozenset[str]:
    """The folded words of every compound code `text` holds ("ntla", "2001")."""
    return frozenset(word for code in _CODE.findall(text) for word in words(code))
