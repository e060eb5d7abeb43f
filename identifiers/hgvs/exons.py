"""Exon-level variant descriptions ("deletion of exons 48-50") and the DMD exon-skipping table."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from identifiers.hgvs.types import VariantDescription, VariantParseError, keys

DMD_EXON_COUNT = 79  # the full-length dystrophin transcript has 79 exons
# A bound on any exon number read from a request, checked before a range is built: TTN, the human
# gene with the most exons, has 363 (Bang et al., Circ Res 2001;89:1065).
MAX_EXON_NUMBER = 363
DMD_SKIPPING_FILE = Path(__file__).resolve().parent.parent / "data" / "dmd_exon_skipping.json"

# --- exon-level descriptions ---------------------------------------------------------------

EXON_WORD_RE = re.compile(r"(?<![A-Za-z])ex(?:ons?)?(?![A-Za-z])", re.IGNORECASE)
_ACTIONS = {
    "exon_deletion": ("deletion", "deleted", "del"),
    "exon_duplication": ("duplication", "duplicated", "dup"),
    "exon_skipping": ("skipping", "skipped", "skip"),
}
_ACT = "|".join(word for words in _ACTIONS.values() for word in words)
_RANGE = r"(?P<a>\d+)(?:\s*(?:-|\u2013|_|to|through)\s*(?P<b>\d+))?"
_NOUN = r"ex(?:ons?)?\.?\s*"
_GENE = r"(?:(?P<gene>[A-Z][A-Z0-9-]{1,15})(?:\s*:\s*|\s+))?"
_EXON_FORMS = (
    re.compile(rf"{_GENE}(?i:(?P<act>{_ACT})\s*(?:of\s+)?{_NOUN}{_RANGE})"),
    re.compile(rf"{_GENE}(?i:{_NOUN}{_RANGE}\s*(?P<act>{_ACT}))"),
)


def parse_exon(text: str, given_gene: str = "") -> VariantDescription:
    """An exon-level description; `given_gene` is a gene named beside the text (a form field)."""
    for form in _EXON_FORMS:
        match = form.fullmatch(text)
        if match:
            break
    else:
        raise VariantParseError(
            f"cannot read exon-level description {text!r}; write e.g. "
            "'deletion of exons 48-50', 'duplication of exon 2' or 'exon 51 skipping'"
        )
    first = int(match["a"])
    last = int(match["b"]) if match["b"] else first
    if max(first, last) > MAX_EXON_NUMBER:
        raise VariantParseError(
            f"exon {max(first, last)} does not exist: no human gene has more than "
            f"{MAX_EXON_NUMBER} exons"
        )
    if first < 1:
        raise VariantParseError(f"exon numbers start at 1 ({text!r})")
    if last < first:
        raise VariantParseError(
            f"exon range {first}-{last} is reversed; write it low to high ({last}-{first})"
        )
    gene = match["gene"]
    if (gene or given_gene) == "DMD" and last > DMD_EXON_COUNT:
        raise VariantParseError(f"DMD has {DMD_EXON_COUNT} exons; exon {last} does not exist")
    action = match["act"].lower()
    change_type = next(kind for kind, words in _ACTIONS.items() if action in words)
    noun = change_type.removeprefix("exon_")
    span = f"{first}-{last}" if last != first else str(first)
    normalized = f"exon {span} {noun}"
    short = {"exon_deletion": "del", "exon_duplication": "dup", "exon_skipping": "skip"}[
        change_type
    ]
    plural = "exons" if last != first else "exon"
    return VariantDescription(
        kind="exon",
        normalized=normalized,
        change_type=change_type,
        gene=gene,
        start=first,
        end=last,
        exons=tuple(range(first, last + 1)),
        search_keys=keys(
            normalized,
            f"{short} ex{span}",
            f"ex{span}{short}",
            f"{noun} of {plural} {span}" if change_type != "exon_skipping" else None,
            f"{gene} {normalized}" if gene else None,
        ),
    )


# --- DMD exon skipping ---------------------------------------------------------------------


@cache
def dmd_skipping_table() -> dict[int, frozenset[tuple[int, int]]]:
    """Published deletions reframed by skipping each exon, from identifiers/data (PMID 19156838)."""
    data = json.loads(DMD_SKIPPING_FILE.read_text(encoding="utf-8"))
    table: dict[int, frozenset[tuple[int, int]]] = {}
    for entry in data["skips"]:
        spans = set()
        for deletion in entry["deletions"]:
            first, _, last = deletion.partition("-")
            spans.add((int(first), int(last or first)))
        table[int(entry["skip_exon"])] = frozenset(spans)
    return table


def exon_skip_amenable(deleted_exons: tuple[int, ...], skip_exon: int) -> bool:
    """Whether skipping `skip_exon` is published to restore the DMD reading frame for a deletion.

    True only for a deletion right next to the skipped exon that the cited table lists; False
    means "not listed", not "proven unsuitable". Raises ValueError for an exon with no table.
    """
    if not deleted_exons:
        raise ValueError("no deleted exons given")
    exons = sorted(set(deleted_exons))
    if exons != list(range(exons[0], exons[-1] + 1)):
        raise ValueError(f"deleted exons {exons} are not one continuous deletion")
    if exons[0] < 1 or exons[-1] > DMD_EXON_COUNT:
        raise ValueError(f"DMD exons are numbered 1-{DMD_EXON_COUNT}")
    table = dmd_skipping_table()
    if skip_exon not in table:
        known = ", ".join(str(exon) for exon in sorted(table))
        raise ValueError(f"no published deletion table for exon {skip_exon} skipping ({known})")
    first, last = exons[0], exons[-1]
    adjacent = first == skip_exon + 1 or last == skip_exon - 1
    return adjacent and (first, last) in table[skip_exon]
