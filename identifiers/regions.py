"""Chromosome regions read from bands: a report's line ("arr[GRCh37] 15q13.2q13.3(...)x1",
"seq[GRCh38] del(15)(q13.2q13.3)", "15q13.3q14", "my son has a 16p11.2 deletion"), a syndrome's
name ("Distal 16p11.2 microdeletion syndrome", "Monosomy 5p syndrome") and HGNC's `location`
of a gene ("15q13.3", "Xp22.31", "15q11.2-q12").

No band map is used: none of the data here gives band positions per genome build. A band is
placed by its own numbering, which ISCN orders from the centromere outwards on each arm ("q13"
holds q13.1 < q13.2 < q13.3, and comes before q14), so two band ranges can be compared for
overlap, and a narrower band is a smaller stretch. Sizes are in band units, never megabases,
and a report's coordinates are kept only to be shown and linked, never placed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

LOSS, GAIN = "loss", "gain"
_CHR = r"(?:[1-9]|1[0-9]|2[0-2]|X|Y)"
_BAND = r"[pq](?:\d{2}(?:\.\d{1,3})?|ter)?"
# "15q13.2q13.3", "15q13.2-q13.3", "15q13.2-15q13.3", "17p11.2-p12"
_RANGE = re.compile(
    rf"(?<![\w.])(?P<chr>{_CHR})(?P<b1>[pq](?:\d{{2}}(?:\.\d{{1,3}})?)?)(?:ter)?"
    rf"(?:\s*[-\u2013]?\s*(?:{_CHR}(?=[pq]))?(?P<b2>[pq]\d{{2}}(?:\.\d{{1,3}})?|[pq]ter))?"
    r"(?P<minus>-(?=\s|$))?(?![\w.])",
    re.IGNORECASE,
)
# ISCN's "del(15)(q13.2q13.3)" with an optional sequencing or array prefix and karyotype.
_ISCN = re.compile(
    rf"(?i:(?:arr|seq)\s*(?:\[[^\]]{{1,20}}\])?\s*)?(?:4[4-9],\s*X{{1,4}}Y{{0,2}},\s*)?"
    rf"(?i:(?P<act>del|dup|trp|trip|ins|inv))\((?P<chr>{_CHR})\)\((?P<b1>{_BAND})-?(?P<b2>{_BAND})?\)"
)
_BUILD = re.compile(r"\b(GRCh3[78]|hg1[89])\b", re.IGNORECASE)
_COORDS = re.compile(r"\((?:chr[\dXY]{1,2}:)?\s*([\d,]{4,})\s*[-_]\s*([\d,]{4,})\s*\)")
_COPIES = re.compile(r"\)\s*x\s*(\d)\s*$|x\s*(\d)\s*$", re.IGNORECASE)
_LOSS_WORDS = frozenset(
    [
        "deletion",
        "deletions",
        "microdeletion",
        "del",
        "deleted",
        "loss",
        "lost",
        "monosomy",
        "nullisomy",
        "missing",
    ]
)
_GAIN_WORDS = frozenset(
    [
        "duplication",
        "duplications",
        "microduplication",
        "dup",
        "duplicated",
        "gain",
        "gained",
        "trisomy",
        "extra",
        "triplication",
        "microtriplication",
        "tetrasomy",
        "trip",
        "trp",
    ]
)
_WORD = re.compile(r"[a-z]+")
# The ends of an arm, in band units: the highest band number written is 45 (1q44).
_ARM_END = 0.5


@dataclass(frozen=True)
class Region:
    """A stretch of one chromosome between two bands (or a whole arm: a band of "p" or "q")."""

    chromosome: str
    start: str  # "q13.2", "p" (the whole arm), "pter"
    end: str  # the same as start for a single band

    @property
    def span(self) -> tuple[float, float]:
        """The stretch on a line through the centromere (0): p bands negative, q positive."""
        ends = [_band_span(self.start), _band_span(self.end)]
        return min(e[0] for e in ends), max(e[1] for e in ends)

    def overlap(self, other: Region) -> float:
        """How closely two regions match: the shared stretch over both together (0 to 1)."""
        if self.chromosome != other.chromosome:
            return 0.0
        return shared(self.span, other.span)

    @property
    def bands(self) -> str:
        """As ISCN writes it: "15q13.2q13.3", "15q13.3", "5p"."""
        end = "" if self.end == self.start else self.end
        return f"{self.chromosome}{self.start}{end}"

    @property
    def size(self) -> float:
        start, end = self.span
        return end - start


def shared(a: Sequence[float], b: Sequence[float]) -> float:
    """The shared stretch of two spans of one chromosome over both together (0 to 1)."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    return common / (max(a[1], b[1]) - min(a[0], b[0])) if common > 0 else 0.0


def _band_span(band: str) -> tuple[float, float]:
    arm, digits = band[0].lower(), band[1:].replace(".", "")
    if digits == "ter":
        low, high = _ARM_END - 0.001, _ARM_END
    elif not digits:
        low, high = 0.0, _ARM_END
    else:
        low = int(digits) / 10 ** len(digits)
        high = low + 10 ** -len(digits)
    return (-high, -low) if arm == "p" else (low, high)


@dataclass(frozen=True)
class RegionChange:
    """A report's line read as a region: loss, gain or neither said ("" for "15q13.3q14")."""

    region: Region
    change: str  # LOSS, GAIN or ""
    copies: int | None = None  # the "x1" of a microarray line
    build: str = ""  # "GRCh37" when the line names one
    start: int | None = None  # the coordinates as written (never placed: see the module)
    end: int | None = None


def read_region(text: str) -> RegionChange | None:
    """The region a report's line or a family's sentence names by its bands, or None.

    One region only: a line naming two ("t(9;22)", two bands far apart) is not read as one, and
    a line that moves material ("inv(16)(p13.1q22)") is a rearrangement, not a loss or gain
    (`identifiers.rearrangements`)."""
    line = " ".join(text.split()).strip(" .;,")
    if not line or len(line) > 200:
        return None
    if match := _ISCN.search(line):
        act = match["act"].lower()
        if act in ("inv", "ins"):
            return None
        change = LOSS if act == "del" else GAIN
        region = _region(match["chr"], match["b1"], match["b2"])
        return RegionChange(region, change, build=_build(line))
    if "(" in line and ";" in line:
        return None  # a translocation names two chromosomes
    found = [m for m in _RANGE.finditer(line) if (m["b1"] and len(m["b1"]) > 1) or m["b2"]]
    if len(found) != 1:
        return None
    match = found[0]
    region = _region(match["chr"], match["b1"], match["b2"])
    copies = _copies(line)
    start, end = _coordinates(line)
    if copies is not None:
        if copies == 2:
            return None
        change = GAIN if copies > 2 else LOSS
    else:
        change = _change_words(line.replace(match[0], " "), minus=bool(match["minus"]))
        if change is None:
            return None
        if not change and _other_words(line.replace(match[0], " ")):
            return None  # "15q13.3 syndrome" or a sentence about something else
    return RegionChange(region, change, copies, _build(line), start, end)


def named_region(name: str) -> tuple[Region, str] | None:
    """The region a condition's name carries and whether it names a loss or a gain ("" for
    neither: "imprinting defect of 11p15"); None when it names no band or arm."""
    found = [m for m in _RANGE.finditer(name) if m["b1"]]
    iscn = _ISCN.search(name)
    if iscn is not None:
        region = _region(iscn["chr"], iscn["b1"], iscn["b2"])
    elif len(found) == 1:
        region = _region(found[0]["chr"], found[0]["b1"], found[0]["b2"])
    else:
        return None
    words = set(_WORD.findall(name.lower()))
    minus = bool(found and found[0]["minus"])
    if words & _LOSS_WORDS or minus:
        return region, "" if words & _GAIN_WORDS else LOSS
    if words & _GAIN_WORDS:
        return region, GAIN
    # A whole arm named with no change is an abbreviation ("XP/CS complex", "Xp, group a").
    return (region, "") if len(region.start) > 1 else None


def condition_regions(names: list[str]) -> list[tuple[Region, str, int]]:
    """The regions a condition's names carry, each with loss or gain and the number of words
    its name holds besides them (a plainer name wins a tie: "22q11.2 deletion syndrome" before
    "Distal 22q11.2 microdeletion syndrome"). A whole arm ("Telomeric deletion 17p") is kept only when no
    name gives a band: it is the coarse name of the same change."""
    found: dict[tuple[Region, str], int] = {}
    for name in names:
        named = named_region(name)
        if named is not None:
            count = _qualifiers(name)
            found[named] = min(count, found.get(named, count))
    banded = [key for key in found if len(key[0].start) > 1 or len(key[0].end) > 1]
    keys = banded or list(found)
    return [(region, kind, found[(region, kind)]) for region, kind in keys]


def _qualifiers(name: str) -> int:
    """The words of a name besides its bands and its change ("Distal", "Kleefstra", "due")."""
    bare = _RANGE.sub(" ", _ISCN.sub(" ", name))
    plain = _LOSS_WORDS | _GAIN_WORDS | {"syndrome"}
    return sum(1 for word in _WORD.findall(bare.lower()) if word not in plain)


def within_a_band(written: Region, placed: Region) -> bool:
    """Is `placed` (a gene's HGNC band) in a band `written` names, or in the band next to it at
    ISCN's 400-band level (its main bands: q21 and q22 of one region and arm)?

    A karyotype's breakpoint is read at 400 to 550 bands, and a band's border moves between
    resolutions and builds: the t(8;21) breakpoint ISCN writes 8q22 is in RUNX1T1, which HGNC
    places at 8q21.3 (GRCh38). So a band names its own stretch and the border with the next
    main band of its region, never a band further off (q21 is not next to q24)."""
    if written.chromosome != placed.chromosome:
        return False
    if shared(written.span, placed.span) > 0:
        return True
    mine, theirs = _main_bands(written), _main_bands(placed)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    near, far = sorted(((mine[1], mine[2]), (theirs[1], theirs[2])))
    low, high = near[1], far[0]  # the facing ends of the two stretches
    return high - low <= 1 and low // 10 == high // 10


def _main_bands(region: Region) -> tuple[str, int, int] | None:
    """The arm and the first and last main band (two digits: 21 for q21.3) of a region on one
    arm, or None for an arm, a terminal band or a region across the centromere."""
    ends = [region.start.lower(), region.end.lower()]
    if ends[0][0] != ends[1][0] or not all(re.match(r"[pq]\d{2}", end) for end in ends):
        return None
    first, last = sorted(int(end[1:3]) for end in ends)
    return ends[0][0], first, last


def gene_region(location: str) -> Region | None:
    """HGNC's `location` of a gene ("15q13.3", "15q11.2-q12", "Xp22.33 and Yp11.2": the
    first), or None ("mitochondria", "not on reference assembly")."""
    match = _RANGE.match(location.strip())
    if match is None or not match["b1"] or len(match["b1"]) < 2:
        return None
    return _region(match["chr"], match["b1"], match["b2"])


def _region(chromosome: str, first: str, second: str | None) -> Region:
    start = first.lower()
    end = (second or first).lower()
    if start == end or not second:
        return Region(chromosome.upper(), start, start)
    return Region(chromosome.upper(), start, end)


def _build(line: str) -> str:
    match = _BUILD.search(line)
    if match is None:
        return ""
    return {"grch37": "GRCh37", "grch38": "GRCh38", "hg19": "GRCh37", "hg18": "NCBI36"}.get(
        match[1].lower(), match[1]
    )


def _coordinates(line: str) -> tuple[int | None, int | None]:
    match = _COORDS.search(line)
    if match is None:
        return None, None
    start, end = (int(part.replace(",", "")) for part in match.groups())
    return (start, end) if start <= end else (None, None)


def _copies(line: str) -> int | None:
    match = _COPIES.search(line)
    if match is None:
        return None
    return int(match[1] or match[2])


def _change_words(rest: str, *, minus: bool) -> str | None:
    """LOSS, GAIN, "" (no word says) or None (words for both: not one change)."""
    words = set(_WORD.findall(rest.lower()))
    loss, gain = bool(words & _LOSS_WORDS) or minus, bool(words & _GAIN_WORDS)
    if loss and gain:
        return None
    return LOSS if loss else GAIN if gain else ""


# Words a line naming only a region may hold ("chromosome 15q13.3q14", "region 15q14").
_REGION_WORDS = frozenset(
    [
        "chromosome",
        "chr",
        "region",
        "band",
        "bands",
        "at",
        "on",
        "of",
        "in",
        "the",
        "a",
        "an",
        "syndrome",
    ]
)


def _other_words(rest: str) -> bool:
    return bool(set(_WORD.findall(rest.lower())) - _REGION_WORDS)
