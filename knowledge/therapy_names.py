"""Therapy names as sources write them: the active-ingredient key, and the modality its stem names.

Pure Python. The modality comes only from an INN stem (or plain words in the name) that says it
unambiguously; anything else stays "not_classified" rather than being guessed.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from django.utils.text import slugify

NOT_CLASSIFIED = "not_classified"

# FDA's four-letter suffix of biologics ("emicizumab-kxwh"): not part of the active ingredient.
_FDA_SUFFIX = re.compile(r"\b([a-z0-9]{5,})-[a-z]{4}\b")
_PARENS = re.compile(r"\([^)]*\)")
_SPLIT = re.compile(r"\s*(?:/|;|\+|\band\b|\bwith\b|,\s*(?=[a-z]))\s*")
# Words that name a salt or a dosage form, not the active ingredient ("Amiodarone HCl").
_FORM_WORDS = frozenset(
    [
        "hcl",
        "hydrochloride",
        "dihydrochloride",
        "sulfate",
        "sulphate",
        "sodium",
        "disodium",
        "potassium",
        "calcium",
        "acetate",
        "mesylate",
        "maleate",
        "citrate",
        "tartrate",
        "phosphate",
        "succinate",
        "fumarate",
        "bromide",
        "chloride",
        "tromethamine",
        "meglumine",
        "glucuronate",
        "injection",
        "injectable",
        "for",
        "oral",
        "solution",
        "suspension",
        "powder",
        "tablet",
        "tablets",
        "capsule",
        "capsules",
        "topical",
        "enteric",
        "coated",
        "delayed",
        "release",
        "extended",
        "combination",
        "intravenous",
        "effervescent",
        "inhalation",
        "inhaled",
        "nasal",
        "spray",
        "granules",
        "sprinkle",
        "chewable",
        "ointment",
        "drops",
        "infusion",
        "ophthalmic",
        "patch",
        "kit",
        "cream",
        "gel",
    ]
)

# (stem, modality): checked on each word of the name, longest stems first.
_STEMS: tuple[tuple[str, str], ...] = (
    ("parvovec", "aav_gene_therapy"),
    ("temcel", "gene_therapy"),
    ("leucel", "cell_therapy"),
    ("vec", "gene_therapy"),
    ("gene", "gene_therapy"),
    ("mab", "monoclonal_antibody"),
    ("siran", "sirna"),
    ("rsen", "antisense_oligonucleotide"),
    ("cept", "protein_or_peptide"),
    ("tide", "protein_or_peptide"),
    ("ermin", "protein_or_peptide"),
    ("leukin", "protein_or_peptide"),
    ("kin", "protein_or_peptide"),
    ("grastim", "protein_or_peptide"),
    ("poetin", "protein_or_peptide"),
    ("tropin", "protein_or_peptide"),
    ("cog", "protein_or_peptide"),
    ("ase", "enzyme"),
    ("tinib", "small_molecule"),
    ("rafenib", "small_molecule"),
    ("ciclib", "small_molecule"),
    ("lisib", "small_molecule"),
    ("parib", "small_molecule"),
    ("degib", "small_molecule"),
    ("zomib", "small_molecule"),
    ("caftor", "small_molecule"),
    ("afil", "small_molecule"),
    ("sentan", "small_molecule"),
    ("sartan", "small_molecule"),
    ("glustat", "small_molecule"),
    ("vir", "small_molecule"),
    ("platin", "small_molecule"),
    ("rubicin", "small_molecule"),
    ("mustine", "small_molecule"),
    ("taxel", "small_molecule"),
    ("imus", "small_molecule"),
    ("olimus", "small_molecule"),
    ("citabine", "small_molecule"),
    ("darabine", "small_molecule"),
    ("trexate", "small_molecule"),
    ("dronate", "small_molecule"),
    ("azole", "small_molecule"),
    ("fungin", "small_molecule"),
    ("floxacin", "small_molecule"),
    ("pride", "small_molecule"),
    ("olol", "small_molecule"),
)
# Plain words that say what a product is.
_WORDS: tuple[tuple[str, str], ...] = (
    ("esterase inhibitor", "protein_or_peptide"),
    ("proteinase inhibitor", "protein_or_peptide"),
    ("immune globulin", "monoclonal_antibody"),
    ("immunoglobulin", "monoclonal_antibody"),
    ("t cells", "cell_therapy"),
    ("t-cells", "cell_therapy"),
    ("stem cell", "cell_therapy"),
    ("cord blood", "cell_therapy"),
)
_ENZYME_REPLACEMENT_WORDS = (
    "deficiency",
    "enzyme replacement",
    "mucopolysaccharidosis",
    "lysosomal",
    "lipofuscinosis",
    "gaucher",
    "fabry",
    "pompe",
    "hypophosphatasia",
    "wolman",
    "alpha-mannosidosis",
)


def name_as_stored(name: str) -> str:
    """A therapy name as records hold it: no space at its ends, inner runs of space one space.
    The curated file's loader and the rename service both write names through it, so a name
    one of them wrote is found by the other."""
    return " ".join(name.split())


def _clean(name: str) -> str:
    text = name.casefold().replace("\u00ae", " ").replace("(r)", " ")
    if text.startswith("("):
        # "(tisagenlecleucel) Autologous T cells ...": the INN is the parenthesised word.
        inner = text[1 : text.find(")")] if ")" in text else text[1:]
        if inner.strip():
            text = inner
    text = _PARENS.sub(" ", text)
    # "velaglucerase-alfa" is the INN "velaglucerase alfa"; only then drop FDA's own suffix.
    text = re.sub(r"-(alfa|beta|gamma|delta|pegol)\b", r" \1", text)
    text = _FDA_SUFFIX.sub(r"\1", text)
    # The suffix after a short last word: "avalglucosidase alfa-ngpt" is "avalglucosidase alfa".
    text = re.sub(r"\b(alfa|beta|gamma|delta)-[a-z]{4}\b", r"\1", text)
    text = re.sub(r"\d+(?:\.\d+)?\s*%", " ", text)
    return " ".join(text.split())


def ingredient_parts(name: str) -> list[str]:
    """The active ingredients a product name lists, cleaned ('Lumacaftor/Ivacaftor' -> 2 parts)."""
    parts = []
    for part in _SPLIT.split(_clean(name)):
        words = [w for w in part.strip(" ,.-").split() if w not in _FORM_WORDS]
        if words and " ".join(words) not in parts:
            parts.append(" ".join(words))
    return parts


def display_name(name: str) -> str:
    """The generic name to show: cleaned, lower case, ingredients joined by '/'."""
    parts = ingredient_parts(name)
    return "/".join(parts) if parts else " ".join(name.split()).casefold()


def ingredient_key(name: str) -> str:
    """One key per active ingredient set: order, case, salts and dosage forms do not matter."""
    parts = ingredient_parts(name)
    return "/".join(sorted(parts)) if parts else " ".join(name.split()).casefold()


def _part_modality(part: str) -> str:
    for words, modality in _WORDS:
        if words in part:
            return modality
    for word in reversed(part.replace("-", " ").split()):
        for stem, modality in _STEMS:
            if word.endswith(stem) and len(word) > len(stem) + 2:
                return modality
    return NOT_CLASSIFIED


def modality_from_name(name: str, designation: str = "") -> str:
    """The modality an INN stem or plain words state, else 'not_classified' (never a guess).

    An enzyme ('-ase') counts as enzyme replacement only when the designation names a deficiency
    or a storage disease; otherwise it is a protein. A combination of different kinds, or of
    unclassified parts, is not classified.
    """
    parts = ingredient_parts(name) or [name.casefold()]
    kinds = {_part_modality(part) for part in parts}
    if len(kinds) != 1:
        return NOT_CLASSIFIED
    kind = kinds.pop()
    if kind == "enzyme":
        text = designation.casefold()
        if any(word in text for word in _ENZYME_REPLACEMENT_WORDS):
            return "enzyme_replacement"
        return "protein_or_peptide"
    return kind


def other_names(name: str, names: Iterable[str]) -> list[str]:
    """The names in ``names`` that are not ``name`` written another way, one per ingredient key:
    'Ceramide trihexosidase/alpha-galactosidase A' for agalsidase beta, not 'Agalsidase beta'."""
    seen = {ingredient_key(name)}
    found = []
    for other in names:
        key = ingredient_key(other)
        if key not in seen:
            seen.add(key)
            found.append(" ".join(other.split()))
    return found


def free_slug(name: str, taken: Container[str]) -> str:
    """The name's slug, numbered past those `taken` (live records' slugs AND old addresses that
    redirect: reusing one would show a bookmark another medicine)."""
    root = slug = slugify(name)[:180] or "therapy"
    counter = 2
    while slug in taken:
        slug, counter = f"{root}-{counter}", counter + 1
    return slug
