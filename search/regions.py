"""A report's line naming a chromosome region, read as that region.

"arr[GRCh37] 15q13.2q13.3(31000000-32500000)x1", "seq[GRCh38] del(15)(q13.2q13.3)",
"15q13.3q14" or "my son has a 16p11.2 deletion" answer, in this order:
- the conditions whose names carry a region that overlaps the line's bands ("15q13.3
  microdeletion syndrome"), the kind the line names first (a loss: deletion, microdeletion,
  monosomy; a gain: duplication, trisomy), then the other kind, then names of neither kind
  (an imprinting defect, a rearrangement); within each, the closest overlap first;
- then the genes HGNC places in those bands (their `location`) that cause a condition, in
  their order along the chromosome.
A rearrangement ("t(11;22)(q23;q11.2)", "inv(16)(p13.1q22)") answers the conditions whose names
carry the same one ("Der(22)t(11;22) syndrome"), the closest first.
Nothing is mapped here: a region is only ever linked to what a source names, the condition's
own name or the gene's HGNC location. Bands are compared by their numbering alone (see
`identifiers.regions`): no band map per genome build is available, so a line's coordinates
are shown and linked but never placed, and the reading says so.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from django.db import connection

from identifiers.rearrangements import TRANSLOCATION, Rearrangement, named_rearrangements
from identifiers.regions import (
    GAIN,
    LOSS,
    Region,
    RegionChange,
    gene_region,
    shared,
    within_a_band,
)
from search import lexicon
from search.analysis import QueryAnalysis, RegionFound
from search.keys import TABLE
from search.text import key_form

MAX_CONDITIONS = 24
MAX_GENES = 30
# Conditions from FIRST_WEIGHT down by STEP each (their ids' boost is 100); genes after them
# (a symbol's boost is 60), so the engine keeps conditions first when it cuts a page.
FIRST_WEIGHT = 0.9
STEP = 0.01
# A gene is looked up by its HGNC id, which only the gene holds ("PML" is also the abbreviation
# of progressive multifocal leukoencephalopathy), at the score its symbol's key gave: an id's
# boost is 100, a symbol's 60.
SYMBOL_SHARE = 0.6
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# A fusion named by its two genes, as reports write it: "PML::RARA" (HGVS and ISCN 2020),
# "PML-RARA", "PML/RARA", with "fusion", "transcript" or "rearrangement" after it or not.
_FUSION = re.compile(
    r"^\s*(?P<a>[A-Za-z][A-Za-z0-9]{1,9})\s*(?:::|-|/|\u2013)\s*(?P<b>[A-Za-z][A-Za-z0-9]{1,9})"
    r"(?:\s+(?:fusion(?: gene)?|transcript|rearrangement))?\s*$",
    re.IGNORECASE,
)


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
    rearrangements: list[tuple[Rearrangement, str, float]]  # (as named, curie, rank)
    # by condition named for a rearrangement: the genes its gene list says are fused in it
    # (Orphanet's "part of a fusion gene in"), with their HGNC regions
    fused: dict[str, list[tuple[Region, str]]]
    hgnc_ids: dict[str, str]  # by symbol, for the genes above
    ranks: dict[str, float]  # of the conditions named for a rearrangement


def _load(_lexicon: lexicon.Lexicon) -> _Index:
    """The conditions named for a region and the genes that cause a condition, with their
    regions, from PostgreSQL's entry table (kept up to date whichever engine answers)."""
    conditions: dict[str, list[_Named]] = defaultdict(list)
    genes: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    moved: list[tuple[Rearrangement, str, float]] = []
    ranks: dict[str, float] = {}
    fused: dict[str, list[tuple[Region, str]]] = defaultdict(list)
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
            f"SELECT curie, extra->>'rearrangements', rank, extra->>'fusion_genes' FROM {TABLE} "  # noqa: S608 - table name is a constant
            "WHERE doc_type = 'condition' AND extra ? 'rearrangements'"
        )
        for curie, written, rank, pairs in cursor.fetchall():
            ranks[curie] = rank
            for iscn in json.loads(written):
                moved += [(r, curie, rank) for r in named_rearrangements(iscn)]
            for symbol, location in json.loads(pairs or "[]"):
                if (region := gene_region(location)) is not None:
                    fused[curie].append((region, symbol))
        cursor.execute(
            f"SELECT curie, extra->>'location', extra->>'hgnc_id', extra ? 'causes' FROM {TABLE} "  # noqa: S608 - table name is a constant
            "WHERE doc_type = 'gene' AND extra->>'location' <> '' "
            "AND (extra ? 'causes' OR curie = ANY(%s))",
            [sorted({symbol for pairs in fused.values() for _, symbol in pairs})],
        )
        hgnc_ids: dict[str, str] = {}
        for symbol, location, hgnc_id, causes in cursor.fetchall():
            hgnc_ids[symbol] = hgnc_id or ""
            region = gene_region(location)
            if region is not None and causes:
                genes[region.chromosome].append((*region.span, symbol))
    return _Index(
        dict(conditions),
        {chromosome: sorted(g) for chromosome, g in genes.items()},
        moved,
        dict(fused),
        hgnc_ids,
        ranks,
    )


def _index() -> _Index:
    return lexicon.current().derived(_load)


def found_for(reading: RegionChange | Rearrangement, line: str = "") -> RegionFound:
    """The conditions and genes a line's region or rearrangement is found as, in the order
    shown; worked out once a query (`with_region` keeps it in the analysis). `line` is the
    text it was read from, whose words may name a gene at a break ("PML at t(15;17)")."""
    if isinstance(reading, Rearrangement):
        return _rearranged(reading, frozenset(key_form(w) for w in _SYMBOL.findall(line)))
    return _overlapping(reading)


def _rearranged(line: Rearrangement, typed: frozenset[str] = frozenset()) -> RegionFound:
    best: dict[str, tuple] = {}
    for named, curie, rank in _index().rearrangements:
        likeness = line.likeness(named)
        if likeness is not None:
            key = (likeness, -rank, curie)
            best[curie] = min(key, best.get(curie, key))
    conditions = sorted(best, key=best.__getitem__)[:MAX_CONDITIONS]
    genes = _at_breakpoints(line, conditions, typed)
    return RegionFound(tuple(conditions), genes, bool(conditions))


def _at_breakpoints(
    line: Rearrangement, conditions: list[str], typed: frozenset[str]
) -> tuple[str, ...]:
    """The genes at the line's breaks that a source names: a gene the gene list of a condition
    named for this rearrangement says is part of a fusion gene in it (Orphanet's word), and that
    HGNC places in one of the bands the line writes or next to it (`within_a_band`: a karyotype
    and HGNC draw band borders at different resolutions). A band alone names no gene, so a line
    without bands, or a gene no such list gives, lists none, unless the line names the gene
    itself (`typed`, key forms of its words: "PML at t(15;17)")."""
    breakpoints = line.regions()
    fused = _index().fused
    found: dict[str, None] = {}
    for curie in conditions:
        for region, symbol in fused.get(curie, ()):
            if key_form(symbol) in typed or any(
                within_a_band(point, region) for point in breakpoints
            ):
                found[symbol] = None
    return tuple(found)[:MAX_GENES]


def fusion_found(text: str) -> RegionFound | None:
    """A fusion named by its two genes ("PML::RARA", "RUNX1-RUNX1T1 fusion"): the conditions
    named for a rearrangement whose gene lists call both genes "part of a fusion gene in" them,
    best ranked first, then those named for the translocation the two genes' HGNC bands make,
    then the two genes; None when no such list names both."""
    match = _FUSION.match(text)
    if match is None:
        return None
    typed = (key_form(match["a"]), key_form(match["b"]))
    index = _index()
    conditions: list[str] = []
    genes: dict[str, Region] = {}
    for curie, pairs in index.fused.items():
        symbols = {key_form(symbol): (symbol, region) for region, symbol in pairs}
        if typed[0] != typed[1] and all(key in symbols for key in typed):
            conditions.append(curie)
            genes.update(symbols[key] for key in typed)
    if not conditions:
        return None
    conditions.sort(key=lambda curie: (-index.ranks.get(curie, 0.0), curie))
    # Then the conditions named for the translocation the two genes' HGNC bands make ("BCR-ABL1":
    # t(9;22)(q34.12;q11.23), the leukemias named "with t(9;22)(q34.1;q11.2)").
    places = list(genes.values())
    if len({place.chromosome for place in places}) == 2:
        exchange = Rearrangement(
            TRANSLOCATION,
            tuple(place.chromosome for place in places),
            tuple((place.start,) for place in places),
        )
        conditions += [c for c in _rearranged(exchange).conditions if c not in conditions]
    return RegionFound(tuple(conditions[:MAX_CONDITIONS]), tuple(genes), True)


def _overlapping(change: RegionChange) -> RegionFound:
    index = _index()
    order = {LOSS: 0, GAIN: 1, "": 2} if change.change != GAIN else {GAIN: 0, LOSS: 1, "": 2}
    best: dict[str, tuple] = {}
    banded = by_arm = False
    chromosome, span = change.region.chromosome, change.region.span
    for entry in index.conditions.get(chromosome, ()):
        share = shared(entry.span, span)
        if share <= 0:
            continue
        banded = banded or len(entry.region.start) > 1
        by_arm = by_arm or _names_the_arm_s_change(entry, change)
        kind = order[entry.change] if change.change else 0
        key = (kind, -round(share, 6), entry.words, -entry.rank, entry.curie)
        if entry.curie not in best or key < best[entry.curie]:
            best[entry.curie] = key
    conditions = sorted(best, key=best.__getitem__)[:MAX_CONDITIONS]
    genes = [
        symbol for *place, symbol in index.genes.get(chromosome, ()) if shared(place, span) > 0
    ]
    named = banded or by_arm
    return RegionFound(
        tuple(conditions), tuple(genes[:MAX_GENES]), named, by_arm=by_arm and not banded
    )


def _names_the_arm_s_change(entry: _Named, change: RegionChange) -> bool:
    """The plain name of the line's change of the whole arm its bands are on ("Monosomy 5p",
    "5p- syndrome", "Trisomy 5p": nothing besides the arm and the change, as Cri du chat's
    'Deletion 5p') names it too; an arm's name with more words ("Partial deletion of chromosome
    13q") is Orphanet's heading for any part of the arm, not a name for these bands."""
    whole_arm = len(entry.region.start) == 1
    return whole_arm and bool(change.change) and entry.change == change.change and not entry.words


def with_region(
    analysis: QueryAnalysis, reading: RegionChange | Rearrangement | None, found: RegionFound
) -> QueryAnalysis:
    """The analysis of a line read as a region or a rearrangement (or a fusion by its genes,
    `reading` None: `fusion_found`): what it is found as (`found_for`), its conditions then its
    genes, as keys in the order shown; none of its words is matched ("deletion" and "15" name
    other things)."""
    hgnc_ids = _index().hgnc_ids
    keys = [key_form(curie) for curie in found.conditions]
    weights = [FIRST_WEIGHT - STEP * i for i in range(len(found.conditions))]
    for i, symbol in enumerate(found.genes):
        weight = FIRST_WEIGHT - STEP * i
        if hgnc_id := hgnc_ids.get(symbol):
            keys.append(key_form(hgnc_id))
            weights.append(weight * SYMBOL_SHARE)
        else:
            keys.append(key_form(symbol))
            weights.append(weight)
    return analysis.by_keys_only(
        cause_keys=tuple(keys),
        cause_weights=tuple(weights),
        named_keys=(),
        region=reading,
        region_found=found,
    )


def with_fusion(analysis: QueryAnalysis, found: RegionFound) -> QueryAnalysis:
    """A fusion named by its genes: its conditions then its genes as keys before anything its
    words find (`fusion_found`)."""
    keyed = with_region(analysis, None, found)
    return replace(analysis, cause_keys=keyed.cause_keys, cause_weights=keyed.cause_weights)


def with_reading(
    analysis: QueryAnalysis, reading: RegionChange | Rearrangement, found: RegionFound
) -> QueryAnalysis:
    """A line that is itself a stored name ("Dup(7)(q11.23)") keeps its name search and still
    gets the reading."""
    return replace(analysis, region=reading, region_found=found)
