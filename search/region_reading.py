"""What a chromosome line was read as, in plain words, for the page and the API: "We read ...
as: A loss of one copy of chromosome 15, bands q13.2 to q13.3", whether the knowledge base
names anything for it, and where to look it up (DECIPHER, ClinVar).

It reads what `search.regions` found for the query (`QueryAnalysis.region_found`), worked out
once with the results' keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from identifiers.rearrangements import (
    INSERTION,
    INVERSION,
    ISOCHROMOSOME,
    RING,
    Rearrangement,
)
from identifiers.regions import GAIN, LOSS, Region, RegionChange
from identifiers.urls import clinvar_search_url, decipher_search_url
from search.analysis import QueryAnalysis, RegionFound


@dataclass(frozen=True)
class RegionReading:
    """What a region or rearrangement line was read as, in plain words, and where to look it up."""

    text: str
    read_as: str  # "A loss of one copy of chromosome 15, bands q13.2 to q13.3"
    bands: str  # "15q13.2q13.3", or the rearrangement in ISCN: "t(11;22)(q23;q11.2)"
    change: str  # "loss", "gain" or "" (a rearrangement moves material)
    build: str
    coordinates: str  # as given, "31,000,000 to 32,500,000", or ""
    coordinates_used: bool
    found: bool  # a condition in the knowledge base is named for these bands or this change
    note: str
    source_name: str
    source_url: str
    clinvar_url: str


def region_reading(analysis: QueryAnalysis) -> RegionReading | None:
    """The reading of a region or rearrangement line; None for any other query."""
    reading, found = analysis.region, analysis.region_found
    if reading is None or found is None:
        return None
    if isinstance(reading, Rearrangement):
        return _moved(analysis.raw, reading, found)
    change = reading
    coordinates = ""
    decipher, clinvar = change.region.bands, change.region.bands
    if change.start is not None and change.end is not None:
        coordinates = f"{change.start:,} to {change.end:,}"
        chromosome, span = change.region.chromosome, f"{change.start}-{change.end}"
        if change.build in ("GRCh37", "GRCh38"):
            decipher = f"{change.build.lower()}:{chromosome}:{span}"
        if change.build == "GRCh38":
            clinvar = f"GRCh38:{chromosome}:{span}"
        elif change.build == "GRCh37":
            clinvar = f"{chromosome}[chr] AND {change.start}:{change.end}[chrpos37]"
    return RegionReading(
        text=analysis.raw,
        read_as=read_as(change),
        bands=change.region.bands,
        change=change.change,
        build=change.build,
        coordinates=coordinates,
        coordinates_used=False,
        found=found.named,
        note=_note(change, found, coordinates),
        source_name="DECIPHER",
        source_url=decipher_search_url(decipher),
        clinvar_url=clinvar_search_url(clinvar),
    )


def _moved(text: str, line: Rearrangement, found: RegionFound) -> RegionReading:
    # DECIPHER and ClinVar are searched by a breakpoint's bands ("22q11.2"); without bands,
    # by the line in ISCN.
    regions = line.regions()
    where = (regions[-1] if line.derivative else regions[0]).bands if regions else line.iscn
    if found.named and found.genes:
        note = (
            "Conditions named for this change come first, then the genes at its breaks that"
            " those conditions' gene lists name."
        )
    elif found.named:
        note = "Conditions named for this change come first."
    else:
        note = "Nothing in the RareLabs knowledge base is named for this change yet."
    return RegionReading(
        text=text,
        read_as=read_as(line),
        bands=line.iscn,
        change="",
        build="",
        coordinates="",
        coordinates_used=False,
        found=found.named,
        note=note,
        source_name="DECIPHER",
        source_url=decipher_search_url(where),
        clinvar_url=clinvar_search_url(where),
    )


_COPIES = {0: "both copies", 1: "one copy", 3: "one extra copy", 4: "two extra copies"}


def read_as(reading: RegionChange | Rearrangement) -> str:
    """The line in plain words: "A loss of one copy of chromosome 15, bands q13.2 to q13.3"."""
    if isinstance(reading, Rearrangement):
        return _moved_words(reading)
    region = reading.region
    where = f"chromosome {region.chromosome}, {_bands(region)}"
    if reading.change == LOSS:
        copies = _COPIES.get(reading.copies or -1, "part")
        return (
            f"A loss of {copies} of {where}" if copies != "part" else f"A loss of part of {where}"
        )
    if reading.change == GAIN:
        copies = _COPIES.get(reading.copies or -1)
        return f"A gain of {copies} of {where}" if copies else f"A gain of part of {where}"
    return f"Part of {where}; the line does not say if it is a loss or a gain"


def _moved_words(line: Rearrangement) -> str:
    regions = line.regions()
    if line.kind == INVERSION:
        where = f", {_bands(regions[0])}," if regions else ""
        return f"A piece of chromosome {line.chromosomes[0]}{where} turned the other way (an inversion)"
    if line.kind == INSERTION:
        return _inserted(line)
    if line.kind == RING:
        return (
            f"Chromosome {line.chromosomes[0]} with its ends joined in a ring (a ring chromosome)"
        )
    if line.kind in (ISOCHROMOSOME, "idic"):
        arm = {"p": "short", "q": "long"}.get(line.arm, "")
        twin = f" made of two copies of its {arm} arm" if arm else " made of two copies of one arm"
        return f"A chromosome {line.chromosomes[0]}{twin} (an isochromosome)"
    pair = " and ".join(line.chromosomes)
    at = ""
    if regions:
        at = " and ".join(f"{r.chromosome}{r.start}" for r in regions)
    if line.derivative:
        extra = "An extra" if line.extra else "A"
        joined = f", joined at {at}" if at else ""
        return (
            f"{extra} chromosome {line.derivative} made of parts of chromosomes {pair}{joined}"
            " (from a translocation)"
        )
    at = f", at {at}" if at else ""
    return f"Pieces swapped between chromosomes {pair}{at} (a translocation)"


def _inserted(line: Rearrangement) -> str:
    """ISCN names the chromosome that takes the piece first, at its band, then the piece:
    "ins(5;2)(p14;q22q32)" puts 2q22-q32 into 5p14; "ins(2)(p13q21q31)" moves 2q21-q31 to 2p13."""
    bands = [band for part in line.bands for band in part]
    if len(bands) != 3:
        return "A piece of a chromosome put into another place (an insertion)"
    taker, giver = line.chromosomes[0], line.chromosomes[-1]
    piece = _bands(Region(giver, bands[1], bands[2]))
    return (
        f"A piece of chromosome {giver}, {piece}, put into chromosome {taker} at band"
        f" {bands[0]} (an insertion)"
    )


def _bands(region: Region) -> str:
    if len(region.start) == 1 and region.start == region.end:
        return "the short arm (p)" if region.start == "p" else "the long arm (q)"
    if region.start == region.end:
        return f"band {region.start}"
    return f"bands {region.start} to {region.end}"


def _note(change: RegionChange, found: RegionFound, coordinates: str) -> str:
    parts = []
    if coordinates:
        build = f" on {change.build}" if change.build else ""
        parts.append(
            f"RareLabs reads the bands only: the positions ({coordinates}{build}) were not used."
        )
    if not found.named:
        parts.append("Nothing in the RareLabs knowledge base is named for these bands yet.")
        if found.conditions:
            parts.append("The conditions below are named for the whole arm.")
    elif found.by_arm:
        change_word = "loss" if change.change == LOSS else "gain"
        parts.append(
            f"Conditions named for a {change_word} of this arm of the chromosome come first."
        )
    elif found.genes:
        parts.append("Conditions named for these bands come first, then genes found there.")
    else:
        parts.append("Conditions named for these bands, or for bands that overlap them.")
    return " ".join(parts)
