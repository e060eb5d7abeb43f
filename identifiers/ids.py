"""The one identifier parser of RareLabs.

It reads ORPHA, OMIM, HPO, MONDO, rsID, NCT, PMID, HGNC, GARD and ClinVar identifiers.

Every other module imports its identifier regexes and parsing from here, so a loose form such as
"orpha 586" or "pmid29091570" is understood the same way by importers, search and admin forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class IdentifierKind(Enum):
    """The identifier systems RareLabs understands."""

    ORPHA = "ORPHA"
    OMIM = "OMIM"
    HPO = "HP"
    MONDO = "MONDO"
    RSID = "rs"
    NCT = "NCT"
    PMID = "PMID"
    HGNC = "HGNC"
    GARD = "GARD"
    CLINVAR = "VCV"


@dataclass(frozen=True)
class Identifier:
    """A normalised identifier: `value` is the local accession, `curie` the canonical form."""

    kind: IdentifierKind
    value: str
    curie: str

    def __str__(self) -> str:
        return self.curie


# Boundaries keep "rs12" out of "chrs12" and "NCT123456789" (9 digits) out of NCT matches.
_START = r"(?<![A-Za-z0-9])"
_END = r"(?![0-9])"

ORPHA_RE = re.compile(
    # "ORPHAcode: 558" is how Orphanet's own pages print the number.
    # Its page's address: "orpha.net/en/disease/detail/558".
    _START
    + r"(?:ordo[:_])?orpha(?:net|\s*code|\.net/(?:[a-z]{2}/)?disease/detail/)?[\s:_#-]*"
    + r"(?P<id>\d{1,7})"
    + _END,
    re.IGNORECASE,
)
OMIM_RE = re.compile(
    # Its page's address: "omim.org/entry/154700".
    _START
    + r"(?:omim|mim)(?:\s*(?:number|no\.?|#)|\.org/entry/)?[\s:_-]*[#%*+^]?\s*(?P<id>\d{6})"
    + _END,
    re.IGNORECASE,
)
# Only used on a whole string: "#253300" or a bare six-digit number means an OMIM number.
OMIM_BARE_RE = re.compile(r"[#%*+^]?\s*(?P<id>\d{6})")
HPO_RE = re.compile(_START + r"hpo?[:_]\s*(?P<id>\d{1,7})" + _END, re.IGNORECASE)
MONDO_RE = re.compile(_START + r"mondo[\s:_]*(?P<id>\d{1,7})" + _END, re.IGNORECASE)
RSID_RE = re.compile(_START + r"rs(?P<id>\d{1,10})" + _END, re.IGNORECASE)
NCT_RE = re.compile(_START + r"nct\s*(?P<id>\d{8})" + _END, re.IGNORECASE)
PMID_RE = re.compile(
    # A PubMed address as copied from the browser: "pubmed.ncbi.nlm.nih.gov/35196497/" or the
    # older "www.ncbi.nlm.nih.gov/pubmed/35196497".
    _START + r"(?:pmid|pubmed(?:\.ncbi\.nlm\.nih\.gov/|/|\s*id)?)[\s:#]*(?P<id>\d{1,8})" + _END,
    re.IGNORECASE,
)
HGNC_RE = re.compile(_START + r"hgnc(?:\s*id)?[\s:_]*(?P<id>\d{1,6})" + _END, re.IGNORECASE)
GARD_RE = re.compile(_START + r"gard(?:\s*id)?[\s:_-]*(?P<id>\d{1,7})" + _END, re.IGNORECASE)
# Exact stored forms (source files, URL path parts): nothing to strip, nothing to tolerate.
HPO_ID_RE = re.compile(r"^HP:\d{7}$")
HGNC_ID_RE = re.compile(r"^HGNC:\d+$")
NCT_ID_RE = re.compile(r"^NCT\d{8}$", re.IGNORECASE)
VCV_MAX_LENGTH = 15  # "VCV" and the zero-padded digits; longer text is not an accession
CLINVAR_RE = re.compile(
    _START
    + r"(?:vcv(?P<vcv>\d{1,9})(?:\.\d+)?"
    # ClinVar's pages and exports print the number as "Variation ID: 7105" (and "VariationID");
    # its address as "ncbi.nlm.nih.gov/clinvar/variation/7105/".
    + r"|(?:clinvar(?:[\s/]*variation)?(?:\s*id)?|variation\s*id)[\s:#_/-]*(?P<id>\d{1,9}))"
    + _END,
    re.IGNORECASE,
)

# Order matters only for find_identifiers de-duplication; the patterns never overlap.
_PATTERNS: tuple[tuple[IdentifierKind, re.Pattern[str]], ...] = (
    (IdentifierKind.ORPHA, ORPHA_RE),
    (IdentifierKind.OMIM, OMIM_RE),
    (IdentifierKind.HPO, HPO_RE),
    (IdentifierKind.MONDO, MONDO_RE),
    (IdentifierKind.RSID, RSID_RE),
    (IdentifierKind.NCT, NCT_RE),
    (IdentifierKind.PMID, PMID_RE),
    (IdentifierKind.HGNC, HGNC_RE),
    (IdentifierKind.GARD, GARD_RE),
    (IdentifierKind.CLINVAR, CLINVAR_RE),
)


def make_identifier(kind: IdentifierKind, digits: str) -> Identifier | None:
    """Build the canonical Identifier for `kind` from its digits; None if the number is invalid."""
    number = int(digits)
    if number == 0:
        return None
    if kind is IdentifierKind.ORPHA:
        return Identifier(kind, str(number), f"ORPHA:{number}")
    if kind is IdentifierKind.OMIM:
        value = digits[-6:].zfill(6)
        return Identifier(kind, value, f"OMIM:{value}")
    if kind in (IdentifierKind.HPO, IdentifierKind.MONDO, IdentifierKind.GARD):
        value = str(number).zfill(7)
        return Identifier(kind, value, f"{kind.value}:{value}")
    if kind is IdentifierKind.RSID:
        return Identifier(kind, str(number), f"rs{number}")
    if kind is IdentifierKind.NCT:
        value = digits.zfill(8)
        return Identifier(kind, value, f"NCT{value}")
    if kind is IdentifierKind.CLINVAR:
        # ClinVar's accession pads the variation id to nine digits (VCV000012345).
        return Identifier(kind, str(number), f"VCV{number:09d}")
    return Identifier(kind, str(number), f"{kind.value}:{number}")


def _digits(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return groups.get("vcv") or groups["id"]


def parse_identifier(text: str) -> Identifier | None:
    """Parse one identifier written in a loose form; None if `text` is not exactly one identifier.

    A bare six-digit number (or "#253300") is read as an OMIM number; other bare numbers are not
    identifiers because they are ambiguous (a PMID, an ORPHA code and a GARD id all look alike).
    """
    if not isinstance(text, str):
        return None
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 64:
        return None
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return make_identifier(kind, _digits(match))
    bare = OMIM_BARE_RE.fullmatch(cleaned)
    if bare:
        return make_identifier(IdentifierKind.OMIM, bare.group("id"))
    return None


# One web address as copied from a browser's bar ("https://pubmed.ncbi.nlm.nih.gov/29091570/",
# "clinicaltrials.gov/study/NCT04281485"): its host and path parts are not words to search.
_WEB_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*", re.IGNORECASE)


def is_web_address(text: str) -> bool:
    """Is `text` one web address and nothing else?"""
    return bool(_WEB_ADDRESS.fullmatch(text.strip()))


def find_identifiers(text: str) -> list[Identifier]:
    """Return every prefixed identifier in free text, in order of appearance, without duplicates.

    Bare numbers are never picked out of free text: "enrolled 120000 people" is not an OMIM id.
    """
    if not text:
        return []
    hits: list[tuple[int, Identifier]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            ident = make_identifier(kind, _digits(match))
            if ident is not None:
                hits.append((match.start(), ident))
    hits.sort(key=lambda hit: hit[0])
    seen: set[Identifier] = set()
    found: list[Identifier] = []
    for _, ident in hits:
        if ident not in seen:
            seen.add(ident)
            found.append(ident)
    return found


_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*[,;]?\s*\]")


def without_identifiers(text: str) -> str:
    """The text with every prefixed identifier (and the brackets left empty) taken out:
    "Global developmental delay (HP:0001263)" -> "Global developmental delay"."""
    for _kind, pattern in _PATTERNS:
        text = pattern.sub(" ", text)
    return " ".join(_EMPTY_BRACKETS.sub(" ", text).split())


def parse_pmid(value: str | int) -> str | None:
    """Return the PMID digits from "29091570", "PMID: 29091570" or an int; None if invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if 0 < value < 100_000_000 else None
    if not isinstance(value, str):
        return None
    cleaned = value.strip()
    if re.fullmatch(r"[1-9]\d{0,7}", cleaned):
        return cleaned
    ident = parse_identifier(cleaned)
    if ident is not None and ident.kind is IdentifierKind.PMID:
        return ident.value
    return None


def parse_nct(value: str) -> str | None:
    """Return the canonical "NCT01234567" form of an NCT number; None if invalid."""
    ident = parse_identifier(value) if isinstance(value, str) else None
    if ident is not None and ident.kind is IdentifierKind.NCT:
        return ident.curie
    return None


def is_valid_pmid(value: str | int) -> bool:
    """Whether `value` is a PubMed id (bare digits, an int, or a "PMID:" form)."""
    return parse_pmid(value) is not None


def is_valid_nct(value: str) -> bool:
    """Whether `value` is a ClinicalTrials.gov NCT number (NCT plus eight digits)."""
    return parse_nct(value) is not None


def vcv_accession(variation_id: int) -> str:
    """ClinVar's accession of a variation id: 7105 -> "VCV000007105"."""
    return f"VCV{variation_id:09d}"


def parse_vcv(value: str) -> int | None:
    """The variation id of a "VCV000007105" accession (any case); None for anything else."""
    upper = value.upper()
    # isascii: str.isdigit alone accepts "²", which int() then refuses (a 500 in the API).
    digits = upper[3:]
    if (
        upper.startswith("VCV")
        and digits.isascii()
        and digits.isdigit()
        and len(upper) <= VCV_MAX_LENGTH
    ):
        return int(upper[3:])
    return None
