"""Variants as genetic reports print them, put in the form `parse_variant` reads; the gene
symbols a report line names beside an exon, copy-number or repeat finding; and each HGVS name
of a line that gives two ("c.1521_1523del (p.Phe508del) / c.1624G>T (p.Gly542Ter)")."""

from __future__ import annotations

import re

# What a report prints around a variant it found: its zygosity, origin and class
# ("NM_000152.5(GAA):c.-32-13T>G heterozygous", "Heterozygous for c.473C>T", "CFTR F508del
# homozygous", "c.473C>T de novo", "likely pathogenic"). The variant is read without them; the
# gene typed before it stays.
_REPORT_WORDS = re.compile(
    r"(?i)(?:^|\s+)[(\[]?(?:compound\s+)?(?:heterozygous|homozygous|hemizygous|het|hom"
    r"|de\s+novo|(?:maternally|paternally)\s+inherited|inherited|maternal|paternal|mosaic"
    r"|(?:likely\s+)?pathogenic|vus|detected|identified|found)[)\]]?(?:\s+for)?(?=\s|$)"
)
# A DNA change with its protein change beside it as reports print it ("c.473C>T, p.(Thr158Met)",
# "c.1521_1523del p.Phe508del"): read as ClinVar writes it, "c.473C>T (p.Thr158Met)".
_PROTEIN_BESIDE = re.compile(
    r"(?P<main>.*?\b[cgnm]\.\S+?)[\s,;]+\(?p\.\(?(?P<protein>[^()\s,;]+?)\)?\)?[\s,;]*"
)
# A report's finding about a gene other than one HGVS name: an exon or copy-number change, a
# repeat expansion, a variant's class or zygosity ("DMD deletion exons 45-50", "0 copies of
# SMN1", "FMR1 full mutation", "likely pathogenic variant in SCN1A").
_FINDING = re.compile(
    r"(?i)(?<![a-z])(?:exons?|ex\d|copies|copy\s+number|repeats?|expansions?|expanded|premutation"
    r"|full\s+mutation|deletions?|deleted|duplications?|duplicated|del|dup|variants?|mutations?"
    r"|pathogenic|vus|uncertain\s+significance|(?:hetero|homo|hemi)zygous|biallelic|carrier"
    r"|de\s+novo)(?![a-z])|(?<![A-Za-z0-9])[cgnmp]\.[-*(]?[A-Za-z0-9]"
)
# A repeat's unit ("CGG" in ">200 CGG repeats", "GAA" in "FXN GAA repeat expansion") is not a
# gene symbol even where one is spelt the same (GAA is also the Pompe disease gene).
_REPEAT_UNIT = re.compile(
    r"(?i)(?<![A-Za-z0-9])[ACGT]{3,6}(?=\s*(?:-\s*)?(?:repeats?|expansion|triplet|trinucleotide))"
)
# A word shaped like a gene symbol as a report prints it: a capital and 1-11 more letters,
# digits or hyphens ("DMD", "SMN1", "C9orf72"), or any symbol with a digit typed in lower case
# ("smn1"); never part of an HGVS name ("NM_000391.4", "p.Tyr79Ter") nor a plain word.
_SYMBOL = re.compile(r"(?<![\w.>*+-])(?P<s>[A-Za-z][A-Za-z0-9-]{1,11})(?![\w.>])")
# One HGVS name inside a longer line, with its transcript and protein change when printed.
_HGVS = re.compile(
    r"(?P<ref>(?:[A-Z]{2}_\d+(?:\.\d+)?(?:\([A-Za-z0-9-]+\))?|[A-Z][A-Za-z0-9-]{1,15})\s*:\s*)?"
    r"(?P<change>(?<![A-Za-z0-9])[cgnm]\.[-*]?\d[^\s,;/()]*)"
    r"(?:[\s,]*\(?(?P<protein>p\.\(?[A-Za-z*]{1,3}\d+[^\s,;/()]*\)?)\)?)?"
)


def report_line(text: str) -> str:
    """A variant as a report prints it ("NM_000152.5(GAA):c.-32-13T>G heterozygous",
    "MECP2 c.473C>T, p.(Thr158Met)"), in the form `parse_variant` reads; other text is only
    rid of the report's words and commas."""
    line = " ".join(_REPORT_WORDS.sub(" ", text).replace(",", " ").replace(";", " ").split())
    beside = _PROTEIN_BESIDE.fullmatch(line)
    return f"{beside['main']} (p.{beside['protein']})" if beside else line


def is_finding(text: str) -> bool:
    """Does the line read as a report's finding (an exon, copy-number or repeat change, a
    variant's class or zygosity, or an HGVS name)?"""
    return _FINDING.search(text) is not None


def symbol_candidates(text: str) -> tuple[str, ...]:
    """The words of a report line shaped like gene symbols, in order, without repeats; which
    of them are genes is for the caller to know ("SMN1" is, "MLPA" is not)."""
    line = _REPEAT_UNIT.sub(" ", text)
    found = []
    for match in _SYMBOL.finditer(line):
        word = match["s"]
        has_digit = any(ch.isdigit() for ch in word)
        if (word[0].isupper() and (has_digit or word.isupper())) or (has_digit and word.islower()):
            found.append(word)
    return tuple(dict.fromkeys(found))


def report_variants(text: str, gene: str = "") -> tuple[str, ...]:
    """Each HGVS name of a report line, in the form `parse_variant` reads, with the gene the
    line names put before a name printed without one ("CFTR c.1521_1523del (p.Phe508del) /
    c.1624G>T (p.Gly542Ter)" -> the two names, both on CFTR)."""
    found = []
    for match in _HGVS.finditer(text):
        prefix = match["ref"] or (f"{gene} " if gene else "")
        protein = match["protein"]
        name = f"{prefix}{match['change']}"
        found.append(f"{name} ({protein.replace('p.(', 'p.').rstrip(')')})" if protein else name)
    return tuple(dict.fromkeys(found))
