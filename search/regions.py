"""A report's line naming a chromosome region, read as that region.

"arr[GRCh37] 15q13.2q13.3(31000000-32500000)x1", "seq[GRCh38] del(15)(q13.2q13.3)",
"15q13.3q14" or "my son has a 16p11.2 deletion" answer, in this order:
- the conditions whose names carry a region that overlaps the line's bands ("15q13.3
  microdeletion syndrome"), the kind the line names first (a loss: deletion, microdeletion,
  monosomy; a gain: duplication, trisomy), then the other kind, then names of neither kind
  (an imprinting defect, a rearrangement); within each, the closest overlap first;
- then the genes HGNC places in those bands (their `location`) that cause a condition, in
  their order along the chromosome.
Nothing is mapped here: a region is only ever linked to what a source names, the condition's
own name or the gene's HGNC location. Bands are compared by their numbering alone (see
`identifiers.regions`): no band map per genome build is available, so a line's coordinates
are shown and linked but never placed, and the reading says so.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace

from django.db import connection

from identifiers.regions import GAIN, LOSS, Region, RegionChange, gene_region, shared
from identifiers.urls import clinvar_search_url, decipher_search_url
from search import lexicon
from search.analysis import QueryAnalysis
from search.keys import TABLE
from search.text import key_form

MAX_CONDITIONS = 24
MAX_GENES = 30
# Conditions from FIRST_WEIGHT down by STEP each (their ids' boost is 100); genes after them
# (a symbol's boost is 60), so the engine keeps conditions first when it cuts a page.
FIRST_WEIGHT = 0.9
STEP = 0.01


@dataclass(frozen=True)
class _Named:
    curie: str
    region: Region
    change: str
    words: int
    rank: float
    span: tuple[float, float]  # the region's, worked out once


@dataclass(frozen=True)
class _Index:
    # by chromosome: the conditions named for a region of it, and the genes placed on it
    conditions: dict[str, list[_Named]]
    genes: dict[str, list[tuple[float, float, str]]]  # (span start, span end, symbol)


def _load(_lexicon: lexicon.Lexicon) -> _Index:
    """The conditions named for a region and the genes that cause a condition, with their
    regions, from PostgreSQL's entry table (kept up to date whichever engine answers)."""
    conditions: dict[str, list[_Named]] = defaultdict(list)
    genes: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT curie, extra->>'regions', rank FROM {TABLE} "  # noqa: S608 - table name is a constant
            "WHERE doc_type = 'condition' AND extra ? 'regions'"
        )
        for curie, regions, rank in cursor.fetchall():
            for chromosome, start, end, change, words in json.loads(regions):
                region = Region(chromosome, start, end)
                named = _Named(curie, region, change, words, rank, region.span)
                conditions[chromosome].append(named)
        cursor.execute(
            f"SELECT curie, extra->>'location' FROM {TABLE} "  # noqa: S608 - table name is a constant
            "WHERE doc_type = 'gene' AND extra ? 'causes' AND extra->>'location' <> ''"
        )
        for symbol, location in cursor.fetchall():
            region = gene_region(location)
            if region is not None:
                genes[region.chromosome].append((*region.span, symbol))
    return _Index(dict(conditions), {chromosome: sorted(g) for chromosome, g in genes.items()})


def _index() -> _Index:
    return lexicon.current().derived(_load)


@dataclass(frozen=True)
class Overlaps:
    conditions: tuple[str, ...]  # curies, in the order shown
    genes: tuple[str, ...]  # symbols
    named: bool  # a condition is named for bands (not only a whole arm) that overlap


def overlaps(change: RegionChange) -> Overlaps:
    """The conditions and genes of the regions overlapping the line's, in the order shown."""
    index = _index()
    order = {LOSS: 0, GAIN: 1, "": 2} if change.change != GAIN else {GAIN: 0, LOSS: 1, "": 2}
    best: dict[str, tuple] = {}
    named = False
    chromosome, span = change.region.chromosome, change.region.span
    for entry in index.conditions.get(chromosome, ()):
        share = shared(entry.span, span)
        if share <= 0:
            continue
        named = named or len(entry.region.start) > 1
        kind = order[entry.change] if change.change else 0
        key = (kind, -round(share, 6), entry.words, -entry.rank, entry.curie)
        if entry.curie not in best or key < best[entry.curie]:
            best[entry.curie] = key
    conditions = sorted(best, key=best.__getitem__)[:MAX_CONDITIONS]
    genes = [
        symbol for *place, symbol in index.genes.get(chromosome, ()) if shared(place, span) > 0
    ]
    return Overlaps(tuple(conditions), tuple(genes[:MAX_GENES]), named)


def with_region(analysis: QueryAnalysis, change: RegionChange) -> QueryAnalysis:
    """The analysis of a line read as a region: its conditions, then its genes, as keys in
    the order shown; none of its words is matched ("deletion" and "15" name other things)."""
    found = overlaps(change)
    keys = [key_form(curie) for curie in found.conditions] + [key_form(g) for g in found.genes]
    weights = [FIRST_WEIGHT - STEP * i for i in range(len(found.conditions))]
    weights += [FIRST_WEIGHT - STEP * i for i in range(len(found.genes))]
    return replace(
        analysis,
        terms=(),
        expanded_keys=(),
        alternatives=(),
        part_keys=(),
        tied_keys=(),
        corrected=None,
        may_widen=False,
        cause_keys=tuple(keys),
        cause_weights=tuple(weights),
        named_keys=(),
        region=change,
    )


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
    change = analysis.region
    if change is None:
        return None
    found = overlaps(change)
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


def read_as(change: RegionChange) -> str:
    """The line in plain words: "A loss of one copy of chromosome 15, bands q13.2 to q13.3"."""
    region = change.region
    where = f"chromosome {region.chromosome}, {_bands(region)}"
    if change.change == LOSS:
        copies = _COPIES.get(change.copies or -1, "part")
        return (
            f"A loss of {copies} of {where}" if copies != "part" else f"A loss of part of {where}"
        )
    if change.change == GAIN:
        copies = _COPIES.get(change.copies or -1)
        return f"A gain of {copies} of {where}" if copies else f"A gain of part of {where}"
    if change.rearranged == "inv":
        return f"A piece of {where} turned the other way (an inversion)"
    if change.rearranged == "ins":
        return f"A piece of {where} put in another place (an insertion)"
    return f"Part of {where}; the line does not say if it is a loss or a gain"


def _bands(region: Region) -> str:
    if len(region.start) == 1 and region.start == region.end:
        return "the short arm (p)" if region.start == "p" else "the long arm (q)"
    if region.start == region.end:
        return f"band {region.start}"
    return f"bands {region.start} to {region.end}"


def _note(change: RegionChange, found: Overlaps, coordinates: str) -> str:
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
