"""The genes a report line names beside its finding, and each HGVS name of a line with two."""

from __future__ import annotations

import pytest

from identifiers.hgvs import parse_variant
from identifiers.hgvs.report import is_finding, report_variants, symbol_candidates


@pytest.mark.parametrize(
    ("line", "symbols"),
    [
        ("deletion of exons 45 to 50 of the DMD gene", ("DMD",)),
        ("0 copies of SMN1", ("SMN1",)),
        ("C9orf72 repeat expansion", ("C9orf72",)),
        # a repeat's unit is not a gene, even one spelt like the Pompe disease gene GAA
        ("homozygous FXN GAA repeat expansion", ("FXN",)),
        ("FMR1 full mutation >200 CGG repeats", ("FMR1",)),
        ("NM_000391.4(TPP1):c.237C>G (p.Tyr79Ter)", ("TPP1",)),
        ("smn1 exon 7 deletion", ("smn1",)),
    ],
)
def test_symbol_shaped_words_are_read_from_a_report_line(
    line: str, symbols: tuple[str, ...]
) -> None:
    assert is_finding(line)
    assert symbol_candidates(line) == symbols


def test_a_name_without_a_finding_is_not_a_report_line() -> None:
    assert not is_finding("Prader-Willi syndrome")


@pytest.mark.parametrize(
    ("line", "gene", "normalized"),
    [
        (
            "CFTR c.1521_1523del (p.Phe508del) / c.1624G>T (p.Gly542Ter), compound heterozygous",
            "CFTR",
            ["c.1521_1523del", "c.1624G>T"],
        ),
        ("GAA c.-32-13T>G and c.525del, compound heterozygous", "GAA", ["c.-32-13T>G", "c.525del"]),
        ("TPP1 c.509-1G>C; c.622C>T (p.Arg208Ter)", "TPP1", ["c.509-1G>C", "c.622C>T"]),
        (
            "NM_000391.4(TPP1):c.237C>G (p.Tyr79Ter) and NM_000391.4(TPP1):c.640C>T",
            "TPP1",
            ["NM_000391.4:c.237C>G", "NM_000391.4:c.640C>T"],
        ),
        ("heterozygous pathogenic variant c.473C>T in MECP2", "MECP2", ["c.473C>T"]),
    ],
)
def test_each_variant_of_a_line_is_read_on_its_gene(
    line: str, gene: str, normalized: list[str]
) -> None:
    variants = [parse_variant(text) for text in report_variants(line, gene)]
    assert [v.normalized for v in variants] == normalized
    assert {v.gene for v in variants} == {gene}
