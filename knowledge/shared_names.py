"""The name the types of a condition share, typed bare by a family that means the disease.

"Niemann-Pick disease type C", "Niemann-pick disease, type C2", "Niemann-Pick disease type A"
(a synonym of ORPHA:77292) share "Niemann-Pick disease", which no entry is named. Each type
holds it as a key below every name of its own (`ConditionDocument`'s `shared_names`), so the
diseases that share it answer the bare name before a narrower entry that only repeats it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from search.ordinary_words import is_ordinary_word
from search.text import phrase_form

# Without it the bare name matched the types' words alone, and the shortest list of names won:
# OMIM's type C2 above Orphanet's diseases.
_TYPE_SUFFIX = re.compile(r"(?i)^(?P<shared>.+?),? (?:type|subtype) [0-9a-z]")


def _shared_name(name: str) -> list[str]:
    """The name a type shares with its siblings ("Niemann-Pick disease type C" -> "Niemann-Pick
    disease"), when the name says it is a type."""
    match = _TYPE_SUFFIX.match(name)
    return [match["shared"]] if match else []


def shared_names(
    names: Sequence[str], parent_names: Sequence[str], shared: frozenset[str]
) -> list[str]:
    """The shared names of these names that are `shared` (see `names_shared`), less those an
    entry this one is a type of also shares: the clinical subtypes of Niemann-Pick disease
    type C and the OMIM type C2 under it leave the bare name to it."""
    above = {phrase_form(n) for name in parent_names for n in (name, *_shared_name(name))}
    found = (
        s
        for name in names
        for s in _shared_name(name)
        if phrase_form(s) in shared and phrase_form(s) not in above
    )
    return list(dict.fromkeys(found))


def names_shared(taken: frozenset[str]) -> frozenset[str]:
    """The shared names (phrase form) of two or more of the names and synonyms in `taken`, less
    those an entry holds as its own name or synonym ("Gaucher disease", "Osteogenesis
    imperfecta" lead their types by their own keys) or at the end of one ("Congenital long QT
    syndrome", a group whose types are "Long QT syndrome type 7, 8": its words lead). One name
    of its kind shares nothing ("Charcot-Marie-Tooth syndrome type 1A (CMT1A)", a DECIPHER
    entry), nor does an everyday word ("infant", of "... infant type ...")."""
    counts = Counter(s for key in taken for s in _shared_name(key))
    endings = {
        " ".join(words[start:])
        for key in taken
        for words in [key.split()]
        for start in range(len(words))
    }
    return frozenset(
        s
        for s, n in counts.items()
        if n > 1 and s not in endings and (" " in s or not is_ordinary_word(s))
    )
