"""A report's chromosome line, read once for everything it names.

- A rearrangement ("46,XX,t(11;22)(q23;q11.2)", "+der(22)t(11;22)", "inv(16)(p13.1q22)"):
  `identifiers.rearrangements`.
- A region named by its bands: microarray and sequencing lines ("arr[GRCh37]
  22q11.21(18648855_21800471)x1"), ClinVar's copy-number names ("GRCh37/hg19 15q11.2(chr15:
  25583931-25685400)x3"), ISCN ("46,XY,del(22)(q11.2)"), the short forms ("15q11.2-q13
  deletion", "1p36 deletion") and a family's sentence ("my son has a 16p11.2 deletion"):
  `identifiers.regions`, which also reads the same from a syndrome's name, so the two compare.
- A whole-chromosome or sex-chromosome count ("47,XX,+21", "45,X"), which names no band: the
  names Orphanet gives such a syndrome ("Trisomy 21", "45,X syndrome"), to look up as names,
  never a mapping of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from identifiers.rearrangements import Rearrangement, read_rearrangement
from identifiers.regions import RegionChange, read_region

_CHROMOSOME = r"(?:[1-9]|1[0-9]|2[0-2]|X|Y)"
_ANEUPLOIDY = re.compile(
    r"(?:karyotype\s*:?\s*)?(?P<count>4[4-9]),\s*(?P<sex>X{1,4}Y{0,2})"
    rf"(?:,\s*(?P<sign>[+-])(?P<chr>{_CHROMOSOME}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ChromosomeLine:
    """What a line names: one of a rearrangement, a region, or a whole chromosome's names."""

    rearrangement: Rearrangement | None = None
    region: RegionChange | None = None
    names: tuple[str, ...] = ()  # "Trisomy 21", "Trisomy 21 syndrome"; "45,X", "45,X syndrome"

    @property
    def reading(self) -> RegionChange | Rearrangement | None:
        """What the line is read as on the page: its region or its rearrangement."""
        return self.region or self.rearrangement


def read_chromosome_line(text: str) -> ChromosomeLine | None:
    """The chromosome change a line names; None when it names none (or a normal karyotype)."""
    line = " ".join(text.split()).strip(" .;,")
    if not line or len(line) > 200:
        return None
    # A rearrangement is written with brackets or said with the word: other lines skip that reader.
    said = "(" in line or "translocation" in line.lower()
    if said and (rearrangement := read_rearrangement(line)) is not None:
        return ChromosomeLine(rearrangement=rearrangement)
    if match := _ANEUPLOIDY.fullmatch(line):
        names = _aneuploidy(match)
        return ChromosomeLine(names=names) if names else None
    if (region := read_region(line)) is not None:
        return ChromosomeLine(region=region)
    return None


def _aneuploidy(match: re.Match[str]) -> tuple[str, ...]:
    count, sex = int(match["count"]), match["sex"].upper()
    if match["chr"]:
        gain = match["sign"] == "+"
        if count != (47 if gain else 45):
            return ()
        word = "Trisomy" if gain else "Monosomy"
        return (f"{word} {match['chr'].upper()}", f"{word} {match['chr'].upper()} syndrome")
    if count == 46 or count != 44 + len(sex):
        return ()  # a normal count, or a count the sex chromosomes written do not add up to
    return (f"{count},{sex}", f"{count},{sex} syndrome")
