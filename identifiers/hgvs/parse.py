"""Recognise and normalise HGVS-style variant strings for import and search.

This is a pragmatic reader, not a full HGVS validator: it checks the shape of a description
(positions, bases, amino acids, ranges) but never the reference sequence itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from identifiers.hgvs.exons import EXON_WORD_RE, parse_exon
from identifiers.hgvs.types import (
    THREE_TO_ONE,
    VariantDescription,
    VariantParseError,
    clean,
    keys,
    one_to_three,
    three_to_one,
)
from identifiers.ids import IdentifierKind, parse_identifier


def parse_variant(text: str, *, gene: str = "") -> VariantDescription:
    """Parse an HGVS-style, legacy protein, rsID or exon-level variant description.

    `gene` is the gene given beside the text (a form's gene field); it bounds exon numbers.
    """
    cleaned = clean(text)
    ident = parse_identifier(cleaned)
    if ident is not None and ident.kind is IdentifierKind.RSID:
        return VariantDescription(kind="rsid", normalized=ident.curie, search_keys=(ident.curie,))
    if re.fullmatch(r"rs\s*", cleaned, re.IGNORECASE):
        raise VariantParseError(f"rsID {cleaned!r} has no number (expected e.g. rs1800112)")
    if EXON_WORD_RE.search(cleaned):
        return parse_exon(cleaned, gene.strip().upper())
    combined = _COMBINED_RE.fullmatch(cleaned)
    if combined:
        main = _parse_prefixed(combined["main"], cleaned)
        protein = _parse_prefixed(combined["protein"], cleaned)
        if main.kind not in {"c", "n", "g", "m"} or protein.kind != "p":
            raise VariantParseError(f"expected a DNA change followed by '(p. ...)' in {cleaned!r}")
        return replace(
            main,
            protein_short=protein.protein_short,
            protein_long=protein.protein_long,
            search_keys=keys(*main.search_keys, *protein.search_keys),
        )
    return _parse_prefixed(cleaned, cleaned)


# ClinVar names: "NM_000492.4(CFTR):c.1521_1523del (p.Phe508del)".
_COMBINED_RE = re.compile(r"(?P<main>\S.*?)\s+\((?P<protein>p\.\S+?)\)")
_PREFIX_RE = re.compile(
    r"(?:(?P<ref>(?:[A-Z]{2}_\d+|ENS[TGP]\d+|LRG_\d+(?:t\d+)?)(?:\.\d+)?)"
    r"(?:\((?P<refgene>[A-Za-z0-9-]+)\))?\s*:\s*"
    r"|(?P<gene>[A-Z][A-Za-z0-9-]{0,15})(?:\s*:\s*|\s+))?"
    r"(?P<body>.*)"
)
_KIND_RE = re.compile(r"(?P<kind>[cgnmrp])\.(?P<rest>.*)")


def _parse_prefixed(text: str, original: str) -> VariantDescription:
    match = _PREFIX_RE.fullmatch(text)
    if match is None:  # the body group accepts anything, so this is defensive
        raise VariantParseError(f"not a recognised variant description: {original!r}")
    reference = match["ref"]
    gene = match["refgene"] or match["gene"]
    body = match["body"].strip()
    if not body:
        prefix = text.strip()
        raise VariantParseError(f"nothing after {prefix!r}: the change itself is missing")
    kind_match = _KIND_RE.fullmatch(body)
    if kind_match is None:
        if re.fullmatch(r"[A-Za-z]{1,3}\d+.*", body):
            return _parse_protein(body, original, reference, gene, legacy=True)
        raise VariantParseError(
            f"not a recognised variant description: {original!r} (expected c./g./p. notation, "
            "a protein change such as F508del, an rsID, or an exon-level description)"
        )
    kind, rest = kind_match["kind"], kind_match["rest"]
    if kind == "p":
        return _parse_protein(rest, original, reference, gene, legacy=False)
    return _parse_nucleotide(kind, rest, original, reference, gene)


# --- DNA and RNA ---------------------------------------------------------------------------

_NUC_RANGE_RE = re.compile(r"(?P<s>[-*]?\d+)(?P<so>[+-]\d+)?(?:_(?P<e>[-*]?\d+)(?P<eo>[+-]\d+)?)?")
_BASES = r"[ACGTUN]+"
_NUC_CHANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("substitution", re.compile(r"(?P<ref>[ACGTUN])>(?P<alt>[ACGTUN])", re.IGNORECASE)),
    ("delins", re.compile(rf"del(?:{_BASES}|\d+)?ins(?P<seq>{_BASES})", re.IGNORECASE)),
    ("deletion", re.compile(rf"del(?P<seq>{_BASES}|\d+)?", re.IGNORECASE)),
    ("duplication", re.compile(rf"dup(?P<seq>{_BASES}|\d+)?", re.IGNORECASE)),
    ("insertion", re.compile(rf"ins(?P<seq>{_BASES})", re.IGNORECASE)),
    ("inversion", re.compile(rf"inv(?P<seq>{_BASES}|\d+)?", re.IGNORECASE)),
    # A repeated sequence and how many times it is there, as ClinVar names it: c.1506_1510GAAAA[1]
    ("repeat", re.compile(rf"(?P<seq>{_BASES})\[(?P<count>\d{{1,4}})\]", re.IGNORECASE)),
)


def _match_change(change: str, original: str) -> tuple[str, re.Match[str]]:
    for change_type, pattern in _NUC_CHANGES:
        found = pattern.fullmatch(change)
        if found:
            return change_type, found
    if re.fullmatch(r"[ACGTUN]>.*", change, re.IGNORECASE):
        raise VariantParseError(
            f"incomplete substitution {change!r} in {original!r}: "
            "expected one base on each side of '>', e.g. C>T"
        )
    raise VariantParseError(f"unrecognised change {change!r} in {original!r}")


def _position(number: str, offset: str | None, kind: str, original: str) -> tuple[int | None, str]:
    """Return (anchor as int, or None for '*' 3'UTR positions; canonical text)."""
    utr3 = number.startswith("*")
    value = int(number.lstrip("*"))
    if value == 0:
        raise VariantParseError(f"position 0 does not exist in {kind}. numbering ({original!r})")
    if kind in {"g", "m"} and (value < 0 or utr3 or offset):
        raise VariantParseError(
            f"{kind}. positions are plain positive numbers, without '-', '*' or '+' ({original!r})"
        )
    if offset and int(offset) == 0:
        raise VariantParseError(f"intron offset {offset!r} must not be zero ({original!r})")
    offset_text = f"{int(offset):+d}" if offset else ""
    return (None if utr3 else value), f"{'*' if utr3 else ''}{value}{offset_text}"


def _parse_nucleotide(
    kind: str, rest: str, original: str, reference: str | None, gene: str | None
) -> VariantDescription:
    span = _NUC_RANGE_RE.match(rest)
    if span is None:
        raise VariantParseError(f"position missing in {original!r} (expected e.g. {kind}.840C>T)")
    start, start_text = _position(span["s"], span["so"], kind, original)
    end, end_text = start, start_text
    is_range = span["e"] is not None
    if is_range:
        end, end_text = _position(span["e"], span["eo"], kind, original)
    plain = is_range and not span["so"] and not span["eo"] and start is not None and end is not None
    if plain and (start > 0) == (end > 0) and start >= end:
        raise VariantParseError(f"range {start_text}_{end_text} is not in increasing order")
    change = rest[span.end() :]
    if not change:
        raise VariantParseError(f"the change is missing after the position in {original!r}")
    change_type, found = _match_change(change, original)
    upper = kind != "r"  # RNA descriptions are written in lower case
    seq = found.groupdict().get("seq") or ""
    seq = seq.upper() if upper else seq.lower()
    if change_type == "substitution":
        if is_range:
            raise VariantParseError(
                f"a substitution changes one base, but {original!r} gives a range"
            )
        ref_base, alt_base = (found["ref"], found["alt"])
        ref_base, alt_base = (
            (ref_base.upper(), alt_base.upper()) if upper else (ref_base.lower(), alt_base.lower())
        )
        if ref_base == alt_base:
            raise VariantParseError(f"substitution {ref_base}>{alt_base} changes nothing")
        canonical_change = f"{ref_base}>{alt_base}"
    elif change_type == "insertion":
        # c. numbering has no position 0, so c.-1_1 are neighbours too.
        if not plain or end - start != (2 if start == -1 and end == 1 else 1):
            raise VariantParseError(
                f"an insertion needs two neighbouring positions, e.g. {kind}.4_5insT ({original!r})"
            )
        canonical_change = f"ins{seq}"
    elif change_type == "delins":
        canonical_change = f"delins{seq}"
    elif change_type == "repeat":
        canonical_change = f"{seq}[{int(found['count'])}]"
    else:
        word = {"deletion": "del", "duplication": "dup", "inversion": "inv"}[change_type]
        canonical_change = word  # current HGVS drops the deleted/duplicated bases
        _check_length(seq, start, end, plain or not is_range, original)
    position = f"{start_text}_{end_text}" if is_range else start_text
    description = f"{kind}.{position}{canonical_change}"
    # The older form that spells out deleted or duplicated bases ("c.35delG") stays findable.
    spelled = change_type in {"deletion", "duplication", "inversion"} and seq and not seq.isdigit()
    with_bases = f"{description}{seq}" if spelled else None
    normalized = f"{reference}:{description}" if reference else description
    return VariantDescription(
        kind=kind,
        normalized=normalized,
        change_type=change_type,
        reference=reference,
        gene=gene,
        start=start,
        end=end,
        start_offset=_offset(span["so"]),
        end_offset=_offset(span["eo"] if is_range else span["so"]),
        search_keys=keys(
            normalized, description, with_bases, f"{gene}:{description}" if gene else None
        ),
    )


def _offset(text: str | None) -> int | None:
    return int(text) if text else None


def _check_length(seq: str, start: int | None, end: int | None, plain: bool, original: str) -> None:
    if not seq or not plain or start is None or end is None or (start > 0) != (end > 0):
        return
    expected = end - start + 1
    stated = int(seq) if seq.isdigit() else len(seq)
    if stated != expected:
        raise VariantParseError(
            f"{original!r} names {stated} base(s) but its positions cover {expected}"
        )


# --- protein -------------------------------------------------------------------------------

_AA = r"[A-Za-z]{3}|[A-Za-z*]"
_PROTEIN_RE = re.compile(rf"(?P<aa1>{_AA})(?P<p1>\d+)(?:_(?P<aa2>{_AA})(?P<p2>\d+))?(?P<change>.*)")
_FS_RE = re.compile(rf"(?P<alt>{_AA})??fs(?:(?:Ter|\*|X)(?P<n>\d+|\?))?", re.IGNORECASE)
_AA_SEQ_RE = re.compile(r"[A-Z][a-z]{2}|[A-Z*]")


def _aa(token: str, original: str) -> str:
    try:
        if len(token) == 3:
            three_to_one(token)
            return token.capitalize()
        return one_to_three(token)
    except VariantParseError:
        raise VariantParseError(f"unknown amino acid {token!r} in {original!r}") from None


def _aa_seq(seq: str, original: str) -> str:
    tokens = _AA_SEQ_RE.findall(seq)
    if not seq or "".join(tokens) != seq:
        raise VariantParseError(f"cannot read inserted amino acids {seq!r} in {original!r}")
    return "".join(_aa(token, original) for token in tokens)


def _short(three_letter: str) -> str:
    return "".join(THREE_TO_ONE.get(three_letter[i : i + 3], three_letter[i : i + 3])
                   for i in range(0, len(three_letter), 3))  # fmt: skip


def _protein_change(change: str, ref3: str, is_range: bool, original: str) -> tuple[str, str, str]:
    """Return (change_type, long change text, short change text)."""
    if change in {"del", "dup"}:
        return ("deletion" if change == "del" else "duplication"), change, change
    for word, change_type in (("delins", "delins"), ("ins", "insertion")):
        if change.startswith(word):
            if change_type == "insertion" and not is_range:
                raise VariantParseError(
                    f"an insertion needs two neighbouring residues ({original!r})"
                )
            seq = _aa_seq(change[len(word) :], original)
            return change_type, f"{word}{seq}", f"{word}{_short(seq)}"
    frameshift = _FS_RE.fullmatch(change)
    if frameshift:
        alt = _aa(frameshift["alt"], original) if frameshift["alt"] else ""
        tail = f"Ter{frameshift['n']}" if frameshift["n"] else ""
        short_tail = f"*{frameshift['n']}" if frameshift["n"] else ""
        return "frameshift", f"{alt}fs{tail}", f"{_short(alt)}fs{short_tail}"
    if not change:
        raise VariantParseError(f"the protein change is missing after the position in {original!r}")
    if re.fullmatch(_AA + "|=", change):
        if is_range:
            raise VariantParseError(
                f"a substitution changes one residue, not a range ({original!r})"
            )
        alt3 = ref3 if change == "=" else _aa(change, original)
        if alt3 == ref3:
            return "synonymous", "=", "="
        if alt3 == "Ter":
            return "nonsense", alt3, "*"
        return ("stop_loss" if ref3 == "Ter" else "missense"), alt3, THREE_TO_ONE[alt3]
    raise VariantParseError(f"unrecognised protein change {change!r} in {original!r}")


def _parse_protein(
    rest: str, original: str, reference: str | None, gene: str | None, *, legacy: bool
) -> VariantDescription:
    predicted = rest.startswith("(") and rest.endswith(")")
    body = rest[1:-1] if predicted else rest
    if not body:
        raise VariantParseError(f"position missing in {original!r} (expected e.g. p.Arg123Ter)")
    match = _PROTEIN_RE.fullmatch(body)
    if match is None:
        raise VariantParseError(
            f"cannot read protein change {original!r} (expected e.g. p.Arg123Ter or R123*)"
        )
    ref3 = _aa(match["aa1"], original)
    position = f"{ref3}{int(match['p1'])}"
    short_position = f"{THREE_TO_ONE[ref3]}{int(match['p1'])}"
    is_range = match["aa2"] is not None
    start = end = int(match["p1"])
    if is_range:
        end = int(match["p2"])
        if end <= start:
            raise VariantParseError(f"residue range in {original!r} is not in increasing order")
        end3 = _aa(match["aa2"], original)
        position += f"_{end3}{end}"
        short_position += f"_{THREE_TO_ONE[end3]}{end}"
    change_type, long_change, short_change = _protein_change(
        match["change"], ref3, is_range, original
    )
    long_form = f"p.{position}{long_change}"
    short_form = f"{short_position}{short_change}"
    legacy_x = short_form.replace("*", "X") if change_type == "nonsense" else None
    normalized = f"{reference}:{long_form}" if reference else long_form
    return VariantDescription(
        kind="legacy_protein" if legacy else "p",
        normalized=normalized,
        change_type=change_type,
        reference=reference,
        gene=gene,
        start=start,
        end=end,
        protein_short=short_form,
        protein_long=long_form,
        predicted=predicted,
        search_keys=keys(
            normalized,
            long_form,
            f"p.{short_form}",
            short_form,
            long_form[2:],
            legacy_x,
            f"p.{legacy_x}" if legacy_x else None,
            f"p.({long_form[2:]})" if predicted else None,
            f"{gene} {short_form}" if gene else None,
        ),
    )
