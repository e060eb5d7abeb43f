"""Variants as genetic reports print them, put in the form `parse_variant` reads."""

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


def report_line(text: str) -> str:
    """A variant as a report prints it ("NM_000152.5(GAA):c.-32-13T>G heterozygous",
    "MECP2 c.473C>T, p.(Thr158Met)"), in the form `parse_variant` reads; other text is only
    rid of the report's words and commas."""
    line = " ".join(_REPORT_WORDS.sub(" ", text).replace(",", " ").replace(";", " ").split())
    beside = _PROTEIN_BESIDE.fullmatch(line)
    return f"{beside['main']} (p.{beside['protein']})" if beside else line
