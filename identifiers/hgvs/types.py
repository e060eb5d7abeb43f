"""The parsed-variant value, its error and the amino acid tables every HGVS reader shares."""

from __future__ import annotations

from dataclasses import dataclass

MAX_VARIANT_LENGTH = 300

THREE_TO_ONE: dict[str, str] = {
    "Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E",
    "Gly": "G", "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F",
    "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V", "Sec": "U",
    "Pyl": "O", "Ter": "*",
}  # fmt: skip
ONE_TO_THREE: dict[str, str] = {one: three for three, one in THREE_TO_ONE.items()}


class VariantParseError(ValueError):
    """A variant string that cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class VariantDescription:
    """A parsed variant; `normalized` is the canonical string, `search_keys` its lookup forms."""

    kind: str  # c, p, g, n, m, r, rsid, exon, legacy_protein
    normalized: str
    change_type: str | None = None
    reference: str | None = None
    gene: str | None = None
    start: int | None = None
    end: int | None = None
    start_offset: int | None = None
    end_offset: int | None = None
    protein_short: str | None = None
    protein_long: str | None = None
    exons: tuple[int, ...] = ()
    predicted: bool = False
    search_keys: tuple[str, ...] = ()


def three_to_one(code: str) -> str:
    """Map a three-letter amino acid code ("Arg", "Ter") to one letter ("R", "*")."""
    try:
        return THREE_TO_ONE[code.capitalize()]
    except KeyError:
        raise VariantParseError(f"unknown amino acid {code!r}") from None


def one_to_three(code: str) -> str:
    """Map a one-letter amino acid code ("R", "*" or legacy "X") to three letters."""
    upper = code.upper()
    if upper == "X":  # older papers write X for a stop codon
        return "Ter"
    try:
        return ONE_TO_THREE[upper]
    except KeyError:
        raise VariantParseError(f"unknown amino acid {code!r}") from None


def keys(*candidates: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for key in candidates if key))


def clean(text: object) -> str:
    if not isinstance(text, str):
        raise VariantParseError(f"variant must be text, not {type(text).__name__}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise VariantParseError("empty variant")
    if len(cleaned) > MAX_VARIANT_LENGTH:
        raise VariantParseError(
            f"variant is too long ({len(cleaned)} characters; the limit is {MAX_VARIANT_LENGTH})"
        )
    if not cleaned.isprintable():
        raise VariantParseError("variant contains control or non-text characters")
    return cleaned
