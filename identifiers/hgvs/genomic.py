"""A variant's place on GRCh38, from ClinVar's canonical SPDI, in the forms a report prints it.

ClinVar's canonical SPDI ("NC_000005.10:70942356:GTGGAAAGTTGG:G": sequence, bases before the
change, bases deleted, bases inserted) counts from 0, and for a deletion or insertion in
repeated bases it spans every place the change can be written at (ClinVar's "full
justification"). A report prints one of them: a VCF-style position left-aligned with its anchor
base ("5-70942356-AGTGG-A", as gnomAD prints it), a g. name shifted right (HGVS's 3' rule), a
shortest SPDI. `places` lists every place, `place_keys` writes each as the keys search matches,
on the chromosome ("chr5:g.70942357_70942367del") and on the sequence
("NC_000005.10:g.70942357_70942367del"), so the record is found however the report printed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ACCESSION = re.compile(r"NC_0000(?P<number>\d\d)\.\d{1,2}")
# ClinVar's SPDI: sequence, 0-based position, deleted bases, inserted bases.
SPDI = re.compile(
    r"(?P<seq>N[CGW]_\d{6}\.\d{1,2}):(?P<pos>\d{1,9}):(?P<ref>[ACGT]*):(?P<alt>[ACGT]*)"
)
# The repeated stretch a canonical SPDI may span; longer changes keep their one place.
_MAX_WINDOW = 500
_MAX_KEY = 200


@dataclass(frozen=True)
class Place:
    """One way to write a change: `start` bases before it (counting from 0), the bases deleted
    and the bases inserted (one of them may be empty); `before`, the reference bases just before
    it that the SPDI shows, tell an insertion that repeats them (a dup)."""

    start: int
    deleted: str
    inserted: str
    before: str = ""


def chromosome(accession: str) -> str | None:
    """The chromosome a RefSeq chromosome sequence names: "NC_000005.10" -> "5", 23 -> "X"."""
    match = _ACCESSION.fullmatch(accession)
    if match is None:
        return None
    number = int(match["number"])
    if 1 <= number <= 22:
        return str(number)
    return {23: "X", 24: "Y"}.get(number)


def shortest(start: int, ref: str, alt: str) -> Place:
    """The change with the bases both alleles share at either end taken off (a VCF anchor
    base, an SPDI's repeated bases); `start` counts from 0."""
    while ref and alt and ref[-1] == alt[-1]:
        ref, alt = ref[:-1], alt[:-1]
    shared = 0
    while shared < min(len(ref), len(alt)) and ref[shared] == alt[shared]:
        shared += 1
    return Place(start + shared, ref[shared:], alt[shared:])


def places(start: int, ref: str, alt: str) -> list[Place]:
    """Every place the change from `ref` to `alt` at `start` (from 0) can be written at inside
    those bases: one for a base change or a deletion-insertion, each shift of a deletion or
    insertion within the repeated bases otherwise."""
    one = shortest(start, ref, alt)
    if (one.deleted and one.inserted) or len(ref) + len(alt) > _MAX_WINDOW:
        return [one]
    size = len(one.deleted or one.inserted)
    if one.deleted:
        found = [
            Place(start + at, ref[at : at + size], "", ref[:at])
            for at in range(len(alt) + 1)
            if ref[:at] + ref[at + size :] == alt
        ]
    else:
        found = [
            Place(start + at, "", alt[at : at + size], ref[:at])
            for at in range(len(ref) + 1)
            if alt[:at] + alt[at + size :] == ref
        ]
    return found or [one]


def g_changes(place: Place) -> list[str]:
    """The g. changes a place is written as, numbered from 1: "70942813G>A",
    "70942357_70942367del", "100_101insC" and, when the inserted bases repeat the ones before
    them, HGVS's name for it too, "100dup"."""
    first, size = place.start + 1, len(place.deleted)
    span = f"{first}" if size == 1 else f"{first}_{first + size - 1}"
    if place.deleted and place.inserted:
        if size == 1 and len(place.inserted) == 1:
            return [f"{first}{place.deleted}>{place.inserted}"]
        return [f"{span}delins{place.inserted}"]
    if place.deleted:
        return [f"{span}del"]
    length = len(place.inserted)
    names = [f"{place.start}_{place.start + 1}ins{place.inserted}"]
    if place.before.endswith(place.inserted):
        dup_first = place.start - length + 1
        names.append(f"{dup_first}dup" if length == 1 else f"{dup_first}_{place.start}dup")
    return names


def place_keys(chrom: str | None, accession: str | None, found: list[Place]) -> list[str]:
    """The search keys of each place, on the chromosome and on its sequence."""
    keys: dict[str, None] = {}
    for place in found:
        for change in g_changes(place):
            if chrom:
                keys[f"chr{chrom}:g.{change}"] = None
            if accession:
                keys[f"{accession}:g.{change}"] = None
    return [key for key in keys if len(key) <= _MAX_KEY]


def spdi_keys(spdi: str) -> list[str]:
    """Every key a stored variant's canonical SPDI is found under: the SPDI as ClinVar prints
    it and each place of the change as a g. name; none for text that is not an SPDI."""
    match = SPDI.fullmatch(spdi.strip())
    if match is None or match["ref"] == match["alt"]:
        return []
    seq = match["seq"]
    found = places(int(match["pos"]), match["ref"], match["alt"])
    keys = [spdi.strip()] if len(spdi.strip()) <= _MAX_KEY else []
    return keys + place_keys(chromosome(seq), seq, found)


def position_text(spdi: str) -> str:
    """A stored variant's GRCh38 position as labs print a base change ("chr5:70942813 G>A");
    the SPDI itself for any other change (its anchor base is not in the SPDI)."""
    match = SPDI.fullmatch(spdi.strip())
    if match is None:
        return ""
    chrom = chromosome(match["seq"])
    if chrom and len(match["ref"]) == len(match["alt"]) == 1:
        return f"chr{chrom}:{int(match['pos']) + 1} {match['ref']}>{match['alt']}"
    return spdi.strip()
