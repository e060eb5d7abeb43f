"""Chromosome rearrangements written in ISCN (2020): a translocation "t(11;22)(q23;q11.2)", a
derivative "der(22)t(11;22)(q23;q11)" (with "+" when it is an extra chromosome), an inversion
"inv(16)(p13.1q22)", an insertion "ins(5;2)(p14;q22q32)", a ring "r(22)" and an isochromosome
"i(12p)". They are read from a report's line and from a syndrome's name ("Der(22)t(11;22)
syndrome", "AML with t(9;22)(q34.1;q11.2)") so the two can be compared; a rearrangement is never
mapped to a condition by a list of its own.

Material moves, so no loss or gain is read; a derivative or a ring may lose or gain some, which
the line does not say by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from identifiers.regions import Region

_CHR = r"(?:[1-9]|1[0-9]|2[0-2]|X|Y)"
_BAND = r"[pq](?:\d{1,2}(?:\.\d{1,3})?|ter)?"
# The forms the module's docstring lists: an optional "+" and "der(N)", the kind, its
# chromosomes (and an isochromosome's arm), then the bands of each chromosome, if written.
_FORM = re.compile(
    rf"(?<![A-Za-z])(?P<extra>\+)?(?:(?i:der)\((?P<der>{_CHR})\))?"
    rf"(?P<kind>(?i:t|inv|ins|r|i|idic))\((?P<chrs>{_CHR}(?:;{_CHR}){{0,2}})(?P<arm>[pq])?\)"
    rf"(?:\((?P<bands>(?:{_BAND}){{1,3}}(?:;(?:{_BAND}){{1,3}}){{0,2}})\))?"
)
_SPLIT_BANDS = re.compile(_BAND)
# A karyotype's count and sex chromosomes ("46,XX,"), which may come first.
_KARYOTYPE = re.compile(r"^\s*(?:karyotype\s*:?\s*)?4[4-9],\s*X{1,4}Y{0,2}\s*,?\s*", re.IGNORECASE)

TRANSLOCATION, INVERSION, INSERTION, RING, ISOCHROMOSOME = "t", "inv", "ins", "r", "i"
# A translocation said in words, as families and letters say it: "a translocation between
# chromosomes 11 and 22", "balanced translocation 11;22", "a 15;17 translocation". Its bands
# are not said, so it is read as t(11;22) with none.
_SAID = re.compile(
    rf"(?i)\btranslocation\s+(?:between|of|involving)\s+chromosomes?\s+(?P<a>{_CHR})\s*"
    rf"(?:and|&)\s*(?:chromosome\s+)?(?P<b>{_CHR})\b"
    rf"|\btranslocation\s+\(?(?P<c>{_CHR});(?P<d>{_CHR})\)?(?![\w.;])"
    rf"|(?<![\w.;(])\(?(?P<e>{_CHR});(?P<f>{_CHR})\)?\s+translocation\b"
)
# Orphanet's worded names: "Ring chromosome 20 syndrome", "Isochromosome 12p mosaicism".
_WORDED = re.compile(
    rf"\b(?P<word>(?i:ring chromosome|isochromosome))\s+(?P<chr>{_CHR})(?P<arm>[pq])?\b"
)


@dataclass(frozen=True)
class Rearrangement:
    """One rearrangement: its kind, the chromosomes it joins and the bands of each, as written."""

    kind: str  # TRANSLOCATION, INVERSION, INSERTION, RING, ISOCHROMOSOME or "idic"
    chromosomes: tuple[str, ...]  # ("11", "22"); one for an inversion or a ring
    bands: tuple[tuple[str, ...], ...] = ()  # per chromosome: (("q23",), ("q11.2",)); () unwritten
    derivative: str = ""  # "22" for der(22)t(11;22): the chromosome made of the two
    extra: bool = False  # "+der(22)": an extra chromosome besides the usual two
    arm: str = ""  # "p" for i(12p)

    @property
    def iscn(self) -> str:
        """As ISCN writes it: "der(22)t(11;22)(q23;q11.2)"."""
        der = f"der({self.derivative})" if self.derivative else ""
        bands = f"({';'.join(''.join(b) for b in self.bands)})" if self.bands else ""
        chromosomes = ";".join(self.chromosomes)
        return f"{'+' if self.extra else ''}{der}{self.kind}({chromosomes}{self.arm}){bands}"

    def regions(self) -> tuple[Region, ...]:
        """The stretch each chromosome's bands name (a breakpoint is a one-band stretch)."""
        found = []
        for chromosome, bands in zip(self.chromosomes, self.bands, strict=False):
            if bands:
                found.append(Region(chromosome, bands[0], bands[-1]))
        return tuple(found)

    def likeness(self, other: Rearrangement) -> int | None:
        """How closely a name's rearrangement matches this line's, lower is closer: 0 the same
        kind (a translocation, or the same derivative of it) at bands that overlap, 1 one of the
        two, 2 the same exchange of the same chromosomes at bands that do not overlap or are not
        written (ISCN renumbered some: t(15;17) was (q22;q12), is (q24.1;q21.2)); None another
        rearrangement. An inversion or an insertion needs bands that overlap when both give them."""
        if _family(self.kind) != _family(other.kind):
            return None
        if sorted(self.chromosomes) != sorted(other.chromosomes) or self.arm != other.arm:
            return None
        mine, theirs = _by_chromosome(self), _by_chromosome(other)
        agree = bool(mine) and mine.keys() == theirs.keys()
        agree = agree and all(mine[c].overlap(theirs[c]) > 0 for c in mine)
        if self.kind in (INVERSION, INSERTION) and mine and theirs and not agree:
            return None
        same_kind = self.derivative == other.derivative
        return 0 if agree and same_kind else 1 if agree or same_kind else 2


def _family(kind: str) -> str:
    return ISOCHROMOSOME if kind == "idic" else kind


def _by_chromosome(rearrangement: Rearrangement) -> dict[str, Region]:
    regions = rearrangement.regions()
    if len({r.chromosome for r in regions}) != len(regions):
        return {}  # t(16;16), inv(3) or ins(2): the two ends are on one chromosome
    return {region.chromosome: region for region in regions}


def read_rearrangement(text: str) -> Rearrangement | None:
    """The one rearrangement a report's line or a family's sentence names, or None (none, two,
    or bands that do not fit the chromosomes)."""
    line = " ".join(text.split()).strip(" .;,")
    if not line or len(line) > 200:
        return None
    found = [r for r in (_read(m) for m in _FORM.finditer(_KARYOTYPE.sub("", line))) if r]
    if not found:
        found = [r for r in (_said(m) for m in _SAID.finditer(line)) if r]
    return found[0] if len(found) == 1 else None


def _said(match: re.Match[str]) -> Rearrangement | None:
    pair = [c.upper() for c in match.groups() if c]
    if len(pair) != 2 or pair[0] == pair[1]:
        return None
    return Rearrangement(TRANSLOCATION, (pair[0], pair[1]))


def words_besides(text: str) -> bool:
    """Does a line hold words besides its karyotype and its rearrangements ("down syndrome
    t(14;21)", "my husband carries t(2;5)")?"""
    rest = _SAID.sub(" ", _FORM.sub(" ", _KARYOTYPE.sub("", " ".join(text.split()))))
    return bool(re.search(r"[A-Za-z]{2,}", rest))


def named_rearrangements(name: str) -> tuple[Rearrangement, ...]:
    """The rearrangements a condition's name carries ("AML with inv(16)(p13q22) or
    t(16;16)(p13;q22)" carries two; "Ring chromosome 20 syndrome" and "Isochromosome 12p" say
    theirs in words); a variant partner "t(v;11q23.3)" is none."""
    found = [r for r in (_read(m) for m in _FORM.finditer(name)) if r]
    for match in _WORDED.finditer(name):
        kind = RING if match["word"].lower() == "ring chromosome" else ISOCHROMOSOME
        arm = (match["arm"] or "").lower()
        if kind == RING or arm:
            found.append(Rearrangement(kind, (match["chr"].upper(),), arm=arm))
    return tuple(found)


def _read(match: re.Match[str]) -> Rearrangement | None:
    kind = match["kind"].lower()
    chromosomes = tuple(c.upper() for c in match["chrs"].split(";"))
    parts = match["bands"].split(";") if match["bands"] else []
    bands = tuple(tuple(b.lower() for b in _SPLIT_BANDS.findall(part)) for part in parts)
    if kind == TRANSLOCATION and len(chromosomes) < 2:
        return None
    if kind in (INVERSION, RING) and len(chromosomes) != 1:
        return None
    if bands and len(bands) != len(chromosomes):
        return None  # "t(11;22)(q23)": the bands do not fit the chromosomes
    if match["der"] and (kind != TRANSLOCATION or match["der"].upper() not in chromosomes):
        return None
    return Rearrangement(
        kind=kind,
        chromosomes=chromosomes,
        bands=bands,
        derivative=(match["der"] or "").upper(),
        extra=bool(match["extra"]),
        arm=(match["arm"] or "").lower(),
    )
