"""Chromosome changes as reports print them: microarray and sequencing lines ("arr[GRCh37]
22q11.21(18648855_21800471)x1"), ClinVar's copy-number names ("GRCh37/hg19 15q11.2(chr15:
25583931-25685400)x3"), karyotypes ("46,XY,del(22)(q11.2)", "47,XX,+21", "45,X") and the
short forms ("15q11.2-q13 deletion", "1p36 deletion").

`read_chromosome_change` reads the chromosome, the bands and whether material is lost or gained;
`CytogeneticChange.names` gives the names a deletion or duplication syndrome is known by, built
from the bands as Orphanet writes them ("22q11.2 deletion syndrome", "Del(22)(q11.2)",
"Monosomy 22q11", "Trisomy 21"). They are names to look up, never a mapping of their own: a
band no stored syndrome is named after finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHROMOSOME = r"(?:[1-9]|1[0-9]|2[0-2]|X|Y)"
_BAND = r"[pq]\d{1,2}(?:\.\d{1,3})?"
# A band range written whole ("q11.2q13"), with a dash ("q11.2-q13") or with the chromosome
# repeated ("15q11.2-15q13").
_BANDS = rf"(?P<b1>{_BAND})(?:\s*[-\u2013]?\s*(?:{_CHROMOSOME}(?=[pq]))?(?P<b2>{_BAND}))?"
# "arr[GRCh37] ", "seq[hg19] ", "GRCh37/hg19 ", "arr ": what a microarray or ClinVar line starts with.
_ASSEMBLY = r"(?:(?:arr|seq)\s*(?:\[[^\]]{1,20}\])?\s*|(?:GRCh3[78]|hg1[89])(?:/hg1[89])?\s+)"
_MICROARRAY = re.compile(
    rf"(?i:{_ASSEMBLY})(?P<chr>{_CHROMOSOME}){_BANDS}\s*(?:\([^)]{{0,60}}\))?\s*x\s*(?P<copies>\d)"
)
_STRUCTURAL = re.compile(
    rf"(?:(?i:{_ASSEMBLY}))?(?:4[4-9],\s*X{{1,4}}Y{{0,2}},\s*)?(?i:(?P<act>del|dup))"
    rf"\((?P<chr>{_CHROMOSOME})\)\((?P<b1>{_BAND})(?P<b2>{_BAND})?\)"
)
_ANEUPLOIDY = re.compile(
    r"(?:karyotype\s*:?\s*)?(?P<count>4[4-9]),\s*(?P<sex>X{1,4}Y{0,2})"
    rf"(?:,\s*(?P<sign>[+-])(?P<chr>{_CHROMOSOME}))?",
    re.IGNORECASE,
)
_LOSS_WORDS = {"deletion", "microdeletion", "del", "deleted", "loss", "monosomy"}
_GAIN_WORDS = {"duplication", "microduplication", "dup", "duplicated", "gain", "trisomy"}
_WORDED = re.compile(
    rf"(?i:(?P<pre>{'|'.join(sorted(_LOSS_WORDS | _GAIN_WORDS))})\s+(?:of\s+)?)?"
    rf"(?P<chr>{_CHROMOSOME}){_BANDS}"
    rf"(?i:\s+(?P<post>{'|'.join(sorted(_LOSS_WORDS | _GAIN_WORDS))}))?"
    r"(?i:\s+syndrome)?"
)


@dataclass(frozen=True)
class CytogeneticChange:
    """A loss or gain of chromosome material: `bands` is "" when the whole chromosome is."""

    chromosome: str
    bands: tuple[str, ...]  # one band ("q11.21") or the two ends of a range ("q11.2", "q13")
    gain: bool
    karyotype: str = ""  # a sex-chromosome count ("45,X", "47,XXY"), read as its own name

    @property
    def names(self) -> tuple[tuple[str, ...], ...]:
        """The names a syndrome of this change may have, one tuple per level of detail: the
        bands as written first, then coarser bands, then the whole arm."""
        if self.karyotype:
            return ((self.karyotype, f"{self.karyotype} syndrome"),)
        if not self.bands:
            word = "Trisomy" if self.gain else "Monosomy"
            return ((f"{word} {self.chromosome}", f"{word} {self.chromosome} syndrome"),)
        levels = _coarser(self.bands)
        if len(self.bands) > 1:
            levels = [level for level in levels if len(level[0]) > 1]  # a range names no arm
        return tuple(self._band_names(bands) for bands in levels)

    def _band_names(self, bands: tuple[str, ...]) -> tuple[str, ...]:
        noun, count, short = (
            ("duplication", "Trisomy", "dup") if self.gain else ("deletion", "Monosomy", "del")
        )
        written = [f"{self.chromosome}{''.join(bands)}"]
        if len(bands) == 2:
            written.append(f"{self.chromosome}{bands[0]}-{bands[1]}")
        names = []
        for band in written:
            names += [f"{band} {noun} syndrome", f"{band} micro{noun} syndrome",
                      f"{band} {noun}", f"{band} micro{noun}", f"{noun.capitalize()} {band}",
                      f"Micro{noun} {band}", f"{count} {band}", f"{count} {band} syndrome"]  # fmt: skip
        names.append(f"{short.capitalize()}({self.chromosome})({''.join(bands)})")
        if not self.gain and len(bands[0]) == 1:  # a whole arm: "4p- syndrome", the old form
            names.append(f"{self.chromosome}{bands[0]}- syndrome")
        return tuple(dict.fromkeys(names))


def _coarser(bands: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The bands as written, then with one sub-band digit, then without sub-bands, then the
    arm ("q11.21" -> "q11.2" -> "q11" -> "q"): Orphanet names a syndrome at a coarser band."""
    levels: list[tuple[str, ...]] = []
    for cut in (None, 1, 0, -1):
        level = tuple(_cut(band, cut) for band in bands)
        if len(level) == 2 and level[0] == level[1]:
            level = level[:1]
        if level not in levels:
            levels.append(level)
    return levels


def _cut(band: str, digits: int | None) -> str:
    whole, _, sub = band.partition(".")
    if digits == -1:
        return band[0]
    if digits is None or not sub:
        return band
    return f"{whole}.{sub[:digits]}" if digits else whole


def read_chromosome_change(text: str) -> CytogeneticChange | None:
    """The chromosome change a line names; None when it names none (or a normal karyotype)."""
    line = " ".join(text.split()).strip(" .;,")
    if not line or len(line) > 200:
        return None
    if match := _MICROARRAY.fullmatch(line):
        copies = int(match["copies"])
        if copies == 2:
            return None
        return _change(match, gain=copies > 2)
    if match := _STRUCTURAL.fullmatch(line):
        return _change(match, gain=match["act"].lower() == "dup")
    if match := _ANEUPLOIDY.fullmatch(line):
        return _aneuploidy(match)
    if (match := _WORDED.fullmatch(line)) and (match["pre"] or match["post"]):
        words = {w.lower() for w in (match["pre"], match["post"]) if w}
        if words <= _LOSS_WORDS or words <= _GAIN_WORDS:
            return _change(match, gain=bool(words & _GAIN_WORDS))
    return None


def _change(match: re.Match[str], *, gain: bool) -> CytogeneticChange:
    bands = tuple(band.lower() for band in (match["b1"], match["b2"]) if band)
    return CytogeneticChange(match["chr"].upper(), bands, gain)


def _aneuploidy(match: re.Match[str]) -> CytogeneticChange | None:
    count, sex = int(match["count"]), match["sex"].upper()
    if match["chr"]:
        gain = match["sign"] == "+"
        if count != (47 if gain else 45):
            return None
        return CytogeneticChange(match["chr"].upper(), (), gain)
    if count == 46 or count != 44 + len(sex):
        return None  # a normal count, or a count the sex chromosomes written do not add up to
    return CytogeneticChange("X", (), count > 46, karyotype=f"{count},{sex}")
