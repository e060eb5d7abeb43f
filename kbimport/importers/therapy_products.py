"""Rows of the FDA export that are one product under two generic names, by the export's own fields.

The export sometimes writes one product's active ingredient two ways: Fabrazyme is "agalsidase
beta" on one row and "Ceramide trihexosidase/alpha-galactosidase A" on another, both from
Genzyme; Thyrogen is "Thyrotropin alfa" and "Thyrotropin alpha". Two rows are one product when
they carry the same single trade name from the same sponsor. A brand alone never joins: a
combination shares its part's brand ("trametinib" and "dabrafenib and trametinib" are both
Mekinist, from the same sponsor), so rows whose ingredients are a part of the other's stay
apart, and so does every name of a group in which any two are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kbimport.sources.fda_orphan import OrphanApprovalRecord
from knowledge.therapy_names import ingredient_key, ingredient_parts

# Words of a company's legal form: "Zogenix Inc." and "Zogenix, Inc." are one sponsor.
_COMPANY_WORDS = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "ltd",
        "limited",
        "lp",
        "plc",
        "gmbh",
        "ag",
        "sa",
    ]
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def trade_names(text: str) -> list[str]:
    """'Kymriah (tisagenlecleucel)' -> ['Kymriah']; 'Tecentriq and Avastin' -> two names."""
    cleaned = text.replace("(r)", "").replace("\u00ae", "")
    names = []
    for part in cleaned.replace(" and ", ";").replace("/", ";").split(";"):
        name = " ".join(part.split("(")[0].split())
        if name and len(name) <= 120 and name not in names:
            names.append(name)
    return names


def sponsor_key(text: str) -> str:
    """'Pharmacia & Upjohn' and 'Pharmacia and Upjohn Company' -> 'pharmacia and upjohn'."""
    words = _NOT_WORD.sub(" ", text.casefold().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in _COMPANY_WORDS)


def _product(record: OrphanApprovalRecord) -> tuple[str, str] | None:
    """(brand, sponsor) of a row naming one brand and a sponsor; None otherwise."""
    names = trade_names(record.trade_name)
    sponsor = sponsor_key(record.sponsor)
    if len(names) != 1 or not sponsor:
        return None
    return names[0].casefold(), sponsor


@dataclass(frozen=True)
class SameProduct:
    """Ingredient keys the export gives one product: each key's group, first key first."""

    groups: dict[str, tuple[str, ...]]

    def keys_of(self, key: str) -> tuple[str, ...]:
        return self.groups.get(key, (key,))


def same_products(records: Iterable[OrphanApprovalRecord]) -> SameProduct:
    """Group the ingredient keys of rows with one brand and sponsor, in file order."""
    order: list[str] = []
    parts: dict[str, frozenset[str]] = {}
    first: dict[tuple[str, str], str] = {}
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for record in records:
        key = ingredient_key(record.generic_name)
        if key not in parts:
            order.append(key)
            parts[key] = frozenset(ingredient_parts(record.generic_name))
        product = _product(record)
        if product is None:
            continue
        other = first.setdefault(product, key)
        if other != key and not _one_holds_the_other(parts[key], parts[other]):
            low, high = sorted((root(key), root(other)), key=order.index)
            parent[high] = low
    members: dict[str, list[str]] = {}
    for key in order:
        members.setdefault(root(key), []).append(key)
    groups: dict[str, tuple[str, ...]] = {}
    for keys in members.values():
        if len(keys) < 2 or _holds_a_part(keys, parts):
            continue
        for key in keys:
            groups[key] = tuple(keys)
    return SameProduct(groups)


def _one_holds_the_other(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def _holds_a_part(keys: list[str], parts: dict[str, frozenset[str]]) -> bool:
    """A group joined through a third row may still hold a combination and its part."""
    return any(
        _one_holds_the_other(parts[a], parts[b]) for i, a in enumerate(keys) for b in keys[i + 1 :]
    )
