"""Chromosome changes as reports print them, read into the names Orphanet gives such syndromes."""

from __future__ import annotations

import pytest

from identifiers.cytogenetics import read_chromosome_change


@pytest.mark.parametrize(
    ("line", "chromosome", "bands", "gain"),
    [
        ("arr[GRCh37] 22q11.21(18648855_21800471)x1", "22", ("q11.21",), False),
        ("arr[hg19] 7q11.23(72,650,120-74,154,209)x1", "7", ("q11.23",), False),
        ("GRCh37/hg19 15q11.2(chr15:25583931-25685400)x3", "15", ("q11.2",), True),
        ("46,XY,del(22)(q11.2)", "22", ("q11.2",), False),
        ("seq[GRCh37] del(1)(p36.33p36.32)", "1", ("p36.33", "p36.32"), False),
        ("15q11.2-q13 deletion", "15", ("q11.2", "q13"), False),
        ("3q29 microdeletion", "3", ("q29",), False),
        ("47,XX,+21", "21", (), True),
    ],
)
def test_a_report_line_reads_its_chromosome_bands_and_change(
    line: str, chromosome: str, bands: tuple[str, ...], gain: bool
) -> None:
    change = read_chromosome_change(line)
    assert change is not None
    assert (change.chromosome, change.bands, change.gain) == (chromosome, bands, gain)


def test_the_names_go_from_the_bands_as_written_to_coarser_ones() -> None:
    change = read_chromosome_change("arr[GRCh37] 22q11.21(18648855_21800471)x1")
    assert change is not None
    levels = change.names
    assert "22q11.21 deletion syndrome" in levels[0]
    assert "22q11.2 deletion syndrome" in levels[1]
    assert "Del(22)(q11.2)" in levels[1]
    assert "Monosomy 22q11" in levels[2]
    assert read_chromosome_change("47,XX,+21").names == (("Trisomy 21", "Trisomy 21 syndrome"),)
    assert read_chromosome_change("karyotype 45,X").names == (("45,X", "45,X syndrome"),)


@pytest.mark.parametrize(
    "line",
    [
        "46,XY",  # a normal karyotype
        "arr[GRCh37] 22q11.21(18648855_21800471)x2",  # two copies: nothing lost or gained
        "47,XX",  # a count the sex chromosomes do not add up to
        "SMN1 exon 7 deletion",
        "trisomy 18",  # a syndrome's own name: searched as typed
        "22q11.2",
    ],
)
def test_a_line_without_a_chromosome_change_reads_as_none(line: str) -> None:
    assert read_chromosome_change(line) is None
