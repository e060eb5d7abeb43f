"""The other ways a name a source writes is typed, kept as keys of its search document: each
name of an "A/B" pair, a name without its leading inheritance or "Classic", the name with the
other head word that an HPO sign bears, the protein a collagen gene's chain belongs to. Read by
`knowledge.search` when a document is prepared."""

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


def without_classic(name: str, taken: frozenset[str], own_name: str = "") -> list[str]:
    """The name without a leading "Classic", when no condition is named the rest and the rest
    holds no abbreviation ("Classic RTA": "RTA" stands for more than one name), nor names
    another condition with the head word of the entry's own name: "Classic Hodgkin disease"
    (a synonym of Classic Hodgkin lymphoma) without "Classic" is the old name of the whole
    disease, "Hodgkin lymphoma", not of its classic form."""
    rest = _CLASSIC_PREFIX.sub("", name, count=1)
    if rest == name or phrase_form(rest) in taken:
        return []
    if any(len(w) > 1 and w.isupper() for w in re.split(r"[\s,-]+", rest)):
        return []
    words, head = phrase_form(rest).split(), phrase_form(own_name).rpartition(" ")[2]
    if len(words) > 1 and head and " ".join([*words[:-1], head]) in taken:
        return []
    return [rest]


def typed_forms(name: str, taken: frozenset[str], own_name: str) -> list[str]:
    """Each form above of one name or synonym of the entry named `own_name`."""
    return [
        *slash_parts(name),
        *without_inheritance(name),
        *without_classic(name, taken, own_name),
    ]


# The head words sources end a condition's name with, and differ on: HPO writes "Fabry
# syndrome" (a synonym of Angiokeratoma corporis diffusum) where Orphanet writes "Fabry disease".
_HEADS = ("disease", "syndrome", "disorder")


def other_heads(phrase: str) -> list[str]:
    """A name in phrase form with each other head word, when it ends with one and has words
    before it ("fabry syndrome" -> "fabry disease", "fabry disorder")."""
    rest, _, head = phrase.rpartition(" ")
    return (
        [f"{rest} {other}" for other in _HEADS if other != head] if rest and head in _HEADS else []
    )


def sign_borne_names(name: str, sign_names: frozenset[str]) -> list[str]:
    """The name with another head word, when an HPO sign bears that form as the condition's
    other name (`sign_names`, see `knowledge.search_rows.sign_condition_names`): a family
    typing "fabry syndrome" means Fabry disease, which then leads the sign."""
    return [form for form in other_heads(phrase_form(name)) if form in sign_names]


# HGNC names a collagen gene by its chain ("collagen type VII alpha 1 chain"); a letter or a
# paper names the protein ("collagen type VII", "type VII collagen"), which an HPO sign's label
# ("Anti-type VII collagen antibody") matched better than the gene's longer name.
_CHAIN = re.compile(r"(?i)^(collagen) (type [ivx]+) (?:alpha|beta|gamma) \d+ chain$")


def protein_names(name: str) -> list[str]:
    """The protein a gene's chain belongs to, in both orders, when HGNC's name is a chain's."""
    match = _CHAIN.match(name)
    return [f"{match[1]} {match[2]}", f"{match[2]} {match[1]}"] if match else []


# HGNC's older names end with the chain a gene makes ("hexosaminidase A (alpha polypeptide)");
# its newer ones put the protein before a comma and what it does after ("polycystin 2,
# transient receptor potential cation channel", "cystinosin, lysosomal cystine transporter").
# A report writes the protein alone. A note naming a disease is left whole: before it stands
# a disease's name as often as a protein's ("spinal muscular atrophy (Werdnig-Hoffmann
# disease, ...)", a previous name of SMN1).
_TRAILING_NOTE = re.compile(
    r"^(?P<protein>[^(]{4,}?)\s*\([^()]*\b(?:polypeptide|chain|subunit)\)$", re.IGNORECASE
)
_PROTEIN_FIRST = re.compile(r"^(?P<protein>[a-z][^,()]{5,}?), [a-z][^,]*$")


def written_protein_names(name: str, other_names: list[str]) -> list[str]:
    """The protein as a report writes it, from HGNC's approved name (before its comma) and
    from each name with its chain in brackets after it (without the note)."""
    forms = [m["protein"] for n in (name, *other_names) if (m := _TRAILING_NOTE.match(n))]
    if match := _PROTEIN_FIRST.match(name):
        forms.append(match["protein"])
    return forms
