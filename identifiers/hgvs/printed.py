"""Variants printed in the other forms labs, browsers and ClinVar use besides an HGVS name.

- A genomic position with its alleles, as a lab report or gnomAD prints it: "chr21:31668517 G>A",
  "chrX:31478376 T>G", "X-147936534-T-A", "chr5:70942813:G:A" (optionally with its assembly,
  "GRCh38" or "hg19", before or after; "chr5:70942813G>A" too). The assembly is not always
  printed, so the position is kept as typed, never turned into an accession; unless GRCh37 or
  hg19 is written, it also gets the key of its place on the chromosome
  (`identifiers.hgvs.genomic`: "chr5:g.70942813G>A"), which a stored variant's SPDI gives too.
- ClinVar's canonical SPDI, "NC_000017.11:80110840:G:T" (sequence, 0-based position, deleted and
  inserted bases): a one-base change is read as the g. name it means ("NC_000017.11:g.80110841G>T"),
  any other change is kept as typed; both also get the keys of every place the change can be
  written at.
- ClinVar's legacy names, taken from OMIM's allelic variants: the gene, a comma, then the change in
  OMIM's words ("NF1, IVS34, G-A, +18", "UBE3A, 2-BP DEL, 1930AG", "GNAS, 4.7-KB DEL").

Each is a `VariantDescription` with the typed text as a search key; a position or an SPDI carries
its chromosome or sequence as `reference` (it is matched by its keys only, never by its words),
a legacy name carries its gene.
"""

from __future__ import annotations

import re
from dataclasses import replace

from identifiers.hgvs.genomic import SPDI, place_keys, shortest, spdi_keys
from identifiers.hgvs.parse import parse_variant
from identifiers.hgvs.types import VariantDescription, VariantParseError

_ASSEMBLY = r"(?:\(?(?:GRCh3[78]|hg19|hg38)\)?)"
_POSITION = re.compile(
    rf"(?i)(?P<before>{_ASSEMBLY})?\s*(?P<chr>chr)?(?P<chrom>[1-9]|1\d|2[0-2]|X|Y|MT?)\s*[:-]\s*"
    rf"(?P<pos>\d{{3,9}})(?:\s*[:-]\s*|\s+|(?=[ACGT]+>))(?P<ref>[ACGT]+)\s*(?:>|[:/-])\s*"
    rf"(?P<alt>[ACGT]+)\s*(?P<after>{_ASSEMBLY})?"
)
_NUMBERED = frozenset({*(str(n) for n in range(1, 23)), "X", "Y"})
# OMIM's words for a change: an intron ("IVS34"), a length with DEL/DUP/INS ("2-BP DEL",
# "4.7-KB DEL", "15-BP DEL/7-BP INS"), an exon ("EX10"), a nucleotide ("NT3240"), a base change
# ("G-A"), an offset ("+18"), bases ("1930AG", "GAGG") or a protein change ("ARG123TER").
_LEGACY_PART = re.compile(
    r"(?i)IVS\d+|\d+(?:\.\d+)?-(?:BP|KB)\s+(?:DEL|DUP|INS|INV)(?:/\d+(?:\.\d+)?-(?:BP|KB)\s+"
    r"(?:DEL|DUP|INS))?|(?:EX|NT)-?\d+|[ACGT]-[ACGT]|[+-]\d+|\d*[ACGT]+|DEL|DUP|INS"
    r"|[A-Z]{3}-?\d+[A-Z]{3}"
)
# The parts that say the line is a legacy variant name, not a list of words.
_LEGACY_MARK = re.compile(r"(?i)^(?:IVS\d+|\d+(?:\.\d+)?-(?:BP|KB)\s|[A-Z]{3}-?\d+[A-Z]{3}$)")
_LEGACY = re.compile(r"(?P<gene>[A-Z][A-Z0-9-]{1,15}),\s*(?P<rest>.+)")


def printed_variant(text: str) -> VariantDescription | None:
    """The variant a position, an SPDI or a ClinVar legacy name describes; None for other text."""
    line = " ".join(text.split())
    return _position(line) or _spdi(line) or _legacy(line)


def _position(line: str) -> VariantDescription | None:
    match = _POSITION.fullmatch(line)
    if match is None or match["ref"].upper() == match["alt"].upper():
        return None
    chrom = match["chrom"].upper()
    ref, alt, pos = match["ref"].upper(), match["alt"].upper(), int(match["pos"])
    normalized = f"chr{chrom}:{pos} {ref}>{alt}"
    keys = [normalized, f"chr{chrom}:{pos}:{ref}:{alt}", f"{chrom}-{pos}-{ref}-{alt}"]
    assembly = (match["before"] or match["after"] or "").strip("()").lower()
    if assembly in ("", "grch38", "hg38") and chrom in _NUMBERED:
        # Stored variants carry their GRCh38 place (ClinVar's canonical SPDI): the same change,
        # its anchor base taken off, written as a g. name on the chromosome (VCF counts from 1).
        keys += place_keys(chrom, None, [shortest(pos - 1, ref, alt)])
    return VariantDescription(
        kind="position",
        normalized=normalized,
        reference=f"chr{chrom}",
        start=pos,
        end=pos + len(ref) - 1,
        search_keys=tuple(keys),
    )


def _spdi(line: str) -> VariantDescription | None:
    match = SPDI.fullmatch(line)
    if match is None or match["ref"] == match["alt"]:
        return None
    seq, pos, ref, alt = match["seq"], int(match["pos"]), match["ref"], match["alt"]
    if len(ref) == 1 and len(alt) == 1:
        try:
            # SPDI counts from 0, HGVS from 1.
            named = parse_variant(f"{seq}:g.{pos + 1}{ref}>{alt}")
        except VariantParseError:
            return None
        return replace(
            named, search_keys=tuple(dict.fromkeys((*named.search_keys, *spdi_keys(line))))
        )
    return VariantDescription(
        kind="spdi",
        normalized=line,
        reference=seq,
        start=pos + 1,
        search_keys=tuple(spdi_keys(line)),
    )


def _legacy(line: str) -> VariantDescription | None:
    match = _LEGACY.fullmatch(line)
    if match is None:
        return None
    parts = [part.strip() for part in match["rest"].split(",")]
    if not all(_LEGACY_PART.fullmatch(part) for part in parts):
        return None
    if not any(_LEGACY_MARK.match(part) for part in parts):
        return None
    return VariantDescription(
        kind="legacy", normalized=line, gene=match["gene"], search_keys=(line,)
    )
