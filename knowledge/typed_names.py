"""The other ways a name a source writes is typed, kept as keys of its search document: each
name of an "A/B" pair, a name without its leading inheritance or "Classic", the protein a
collagen gene's chain belongs to. Read by `knowledge.search` when a document is prepared."""

from __future__ import annotations

import re

from search.text import phrase_form


def slash_parts(name: str) -> list[str]:
    """The two names of a one-word pair written "A/B" ("Neurofibromatosis/schwannomatosis"):
    a family types either. Pairs with spaces are left whole: a part of "Cleft lip/palate" or
    "Desmoplastic/nodular medulloblastoma" is no name."""
    parts = name.split("/")
    if len(parts) == 2 and all(len(p) >= 6 and p.isalpha() and not p.isupper() for p in parts):
        return parts
    return []


# A name that starts with its inheritance ("X-linked adrenoleukodystrophy") is typed without
# it: "adrenoleukodystrophy" is also an HGNC alias of ABCD1, which ranked above the disease.
_INHERITANCE_PREFIX = re.compile(r"(?i)^(?:x-linked|y-linked|autosomal (?:dominant|recessive)) ")
# So is Orphanet's "Classic" (a letter names "congenital adrenal hyperplasia due to
# 21-hydroxylase deficiency"; the group "Congenital adrenal hyperplasia" led), unless another
# entry holds the rest as a name or synonym ("Stiff man syndrome" names the whole spectrum).
_CLASSIC_PREFIX = re.compile(r"(?i)^classic(?:al)? ")


def without_inheritance(name: str) -> list[str]:
    """The name without a leading inheritance ("X-linked ALD" -> "ALD"), when one leads it."""
    rest = _INHERITANCE_PREFIX.sub("", name, count=1)
    return [rest] if rest != name and rest.strip() else []


def without_classic(name: str, taken: frozenset[str]) -> list[str]:
    """The name without a leading "Classic", when no condition is named the rest and the rest
    holds no abbreviation ("Classic RTA": "RTA" stands for more than one name)."""
    rest = _CLASSIC_PREFIX.sub("", name, count=1)
    if rest == name or phrase_form(rest) in taken:
        return []
    return [] if any(len(w) > 1 and w.isupper() for w in re.split(r"[\s,-]+", rest)) else [rest]


# HGNC names a collagen gene by its chain ("collagen type VII alpha 1 chain"); a letter or a
# paper names the protein ("collagen type VII", "type VII collagen"), which an HPO sign's label
# ("Anti-type VII collagen antibody") matched better than the gene's longer name.
_CHAIN = re.compile(r"(?i)^(collagen) (type [ivx]+) (?:alpha|beta|gamma) \d+ chain$")


def protein_names(name: str) -> list[str]:
    """The protein a gene's chain belongs to, in both orders, when HGNC's name is a chain's."""
    match = _CHAIN.match(name)
    return [f"{match[1]} {match[2]}", f"{match[2]} {match[1]}"] if match else []
