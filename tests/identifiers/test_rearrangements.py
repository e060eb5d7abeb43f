"""Rearrangements in ISCN (2020), read from a report's line and from a syndrome's name, and
compared: the same exchange of the same chromosomes, closest bands first."""

from __future__ import annotations

import pytest

from identifiers.cytogenetics import read_chromosome_line
from identifiers.rearrangements import named_rearrangements, read_rearrangement, words_besides


@pytest.mark.parametrize(
    ("line", "iscn", "kind", "chromosomes"),
    [
        ("46,XX,t(11;22)(q23;q11.2)", "t(11;22)(q23;q11.2)", "t", ("11", "22")),
        ("47,XY,+der(22)t(11;22)(q23;q11)", "+der(22)t(11;22)(q23;q11)", "t", ("11", "22")),
        ("t(9;22)(q34;q11)", "t(9;22)(q34;q11)", "t", ("9", "22")),
        ("inv(16)(p13.1q22)", "inv(16)(p13.1q22)", "inv", ("16",)),
        ("46,XY,ins(5;2)(p14;q22q32)", "ins(5;2)(p14;q22q32)", "ins", ("5", "2")),
        ("46,XY,r(22)(p13q13.3)", "r(22)(p13q13.3)", "r", ("22",)),
        ("my husband carries a balanced translocation t(11;22)", "t(11;22)", "t", ("11", "22")),
    ],
)
def test_a_line_reads_as_its_rearrangement(
    line: str, iscn: str, kind: str, chromosomes: tuple[str, ...]
) -> None:
    read = read_chromosome_line(line)
    assert read is not None
    assert read.rearrangement is not None
    assert read.region is None
    assert (read.rearrangement.iscn, read.rearrangement.kind) == (iscn, kind)
    assert read.rearrangement.chromosomes == chromosomes


@pytest.mark.parametrize(
    "line",
    [
        "t(11;22)(q23)",  # one band for two chromosomes
        "inv(16;17)(p13q22)",  # an inversion is on one chromosome
        "der(9)t(11;22)(q23;q11)",  # a derivative of a chromosome the exchange does not hold
        "t(11;22)(q23;q11) t(9;22)(q34;q11)",  # two
        "t(v;11q23.3)",  # a variant partner names no chromosome
        "deletion(5)",
        "",
    ],
)
def test_bad_or_partial_rearrangements_read_as_none(line: str) -> None:
    assert read_rearrangement(line) is None


def test_names_carry_every_rearrangement_they_write() -> None:
    name = "AML with abnormal bone marrow eosinophils inv(16)(p13q22) or t(16;16)(p13;q22)"
    assert [r.iscn for r in named_rearrangements(name)] == ["inv(16)(p13q22)", "t(16;16)(p13;q22)"]
    assert [r.iscn for r in named_rearrangements("Der(22)t(11;22) syndrome")] == ["der(22)t(11;22)"]
    assert [r.iscn for r in named_rearrangements("Ring chromosome 20 syndrome")] == ["r(20)"]
    assert [r.iscn for r in named_rearrangements("Isochromosome 12p mosaicism")] == ["i(12p)"]
    assert named_rearrangements("Ring chromosome syndrome") == ()
    assert named_rearrangements("Emanuel syndrome") == ()


def test_likeness_puts_the_same_kind_at_overlapping_bands_first() -> None:
    line = read_rearrangement("t(9;22)(q34;q11)")
    assert line is not None
    (named,) = named_rearrangements("MPAL with t(9;22)(q34.1;q11.2); BCR-ABL1")
    assert line.likeness(named) == 0
    (renumbered,) = named_rearrangements("AML with t(15;17)(q22;q12)")
    later = read_rearrangement("t(15;17)(q24.1;q21.2)")
    assert later is not None
    assert later.likeness(renumbered) == 1  # the same exchange, bands ISCN renumbered
    (derivative,) = named_rearrangements("Der(22)t(11;22) syndrome")
    balanced = read_rearrangement("46,XX,t(11;22)(q23;q11.2)")
    assert balanced is not None
    assert balanced.likeness(derivative) == 2
    assert line.likeness(derivative) is None  # other chromosomes
    (inversion,) = named_rearrangements("AML with inv(3)(q21q26.2)")
    assert read_rearrangement("inv(3)(p13q13)").likeness(inversion) is None  # type: ignore[union-attr]


def test_words_besides_the_karyotype_and_the_rearrangement_are_seen() -> None:
    assert words_besides("down syndrome t(14;21)")
    assert words_besides("my husband carries t(11;22)")
    assert not words_besides("46,XX,t(11;22)(q23;q11.2)")
    assert not words_besides("karyotype 47,XY,+der(22)t(11;22)(q23;q11)")


@pytest.mark.parametrize(
    "line",
    [
        "a translocation between chromosomes 11 and 22",
        "my wife has a balanced translocation between chromosome 11 and chromosome 22",
        "balanced translocation 11;22",
        "translocation (11;22)",
        "an 11;22 translocation",
    ],
)
def test_a_translocation_said_in_words_reads_as_one_without_bands(line: str) -> None:
    read = read_chromosome_line(line)
    assert read is not None
    assert read.rearrangement is not None
    assert (read.rearrangement.iscn, read.rearrangement.kind) == ("t(11;22)", "t")


def test_only_two_different_chromosomes_said_once_make_a_translocation() -> None:
    said = read_rearrangement("a 9;22 translocation")
    assert said is not None
    assert said.chromosomes == ("9", "22")
    for line in [
        "Robertsonian translocation",  # names no chromosomes
        "translocation between chromosomes 11 and 11",
        "translocation 11;22;5",
        "translocation 11;22 and translocation 9;22",  # two
    ]:
        assert read_rearrangement(line) is None, line
