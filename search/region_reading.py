"""What a chromosome line was read as, in plain words, for the page and the API: "We read ...
as: A loss of one copy of chromosome 15, bands q13.2 to q13.3", whether the knowledge base
names anything for it, and where to look it up (DECIPHER, ClinVar).

It reads what `search.regions` found for the query (`QueryAnalysis.region_found`), worked out
once with the results' keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from identifiers.regions import GAIN, LOSS, Region, RegionChange
from identifiers.urls import clinvar_search_url, decipher_search_url
from search.analysis import QueryAnalysis, RegionFound


@dataclass(frozen=True)
class RegionReading:
    """What a region line was read as, in plain words, and where to look it up."""

    text: str
    read_as: str  # "A loss of one copy of chromosome 15, bands q13.2 to q13.3"
    bands: str  # "15q13.2q13.3"
    change: str  # "loss", "gain" or ""
    build: str
    coordinates: str  # as given, "31,000,000 to 32,500,000", or ""
    coordinates_used: bool
    found: bool  # a condition in the knowledge base is named for overlapping bands
    note: str
    source_name: str
    source_url: str
    clinvar_url: str


def region_reading(analysis: QueryAnalysis) -> RegionReading | None:
    """The reading of a region line; None for any other query."""
    change, found = analysis.region, analysis.region_found
    if change is None or found is None:
        return None
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


_COPIES = {0: "both copies", 1: "one copy", 3: "one extra copy", 4: "two extra copies"}


def read_as(reading: RegionChange) -> str:
    """The line in plain words: "A loss of one copy of chromosome 15, bands q13.2 to q13.3"."""
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
    if reading.rearranged == "inv":
        return f"A piece of {where} turned the other way (an inversion)"
    if reading.rearranged == "ins":
        return f"A piece of {where} put in another place (an insertion)"
    return f"Part of {where}; the line does not say if it is a loss or a gain"


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
    elif found.genes:
        parts.append("Conditions named for these bands come first, then genes found there.")
    else:
        parts.append("Conditions named for these bands, or for bands that overlap them.")
    return " ".join(parts)
