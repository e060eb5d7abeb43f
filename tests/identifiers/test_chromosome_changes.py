"""A report's chromosome line, read once: a whole chromosome's count into the names Orphanet
gives such syndromes, a band line into its region, a rearrangement into its ISCN parts."""

from __future__ import annotations

import pytest

from identifiers.cytogenetics import read_chromosome_line
from identifiers.regions import GAIN, LOSS


@pytest.mark.parametrize(
    ("line", "bands", "change"),
    [
        ("arr[GRCh37] 22q11.21(18648855_21800471)x1", "22q11.21", LOSS),
        ("arr[hg19] 7q11.23(72,650,120-74,154,209)x1", "7q11.23", LOSS),
        ("GRCh37/hg19 15q11.2(chr15:25583931-25685400)x3", "15q11.2", GAIN),
        ("46,XY,del(22)(q11.2)", "22q11.2", LOSS),
        ("seq[GRCh37] del(1)(p36.33p36.32)", "1p36.33p36.32", LOSS),
        ("15q11.2-q13 deletion", "15q11.2q13", LOSS),
        ("3q29 microdeletion", "3q29", LOSS),
    ],
)
def test_a_band_line_reads_as_its_region(line: str, bands: str, change: str) -> None:
    read = read_chromosome_line(line)
    assert read is not None
    assert read.region is not None
    assert (read.region.region.bands, read.region.change, read.names) == (bands, change, ())
    assert read.reading == read.region


def test_a_whole_chromosome_reads_as_the_names_of_its_syndrome() -> None:
    trisomy = read_chromosome_line("47,XX,+21")
    assert trisomy is not None
    assert trisomy.names == ("Trisomy 21", "Trisomy 21 syndrome")
    assert trisomy.reading is None
    turner = read_chromosome_line("karyotype 45,X")
    assert turner is not None
    assert turner.names == ("45,X", "45,X syndrome")


@pytest.mark.parametrize(
    "line",
    [
        "46,XY",  # a normal karyotype
        "arr[GRCh37] 22q11.21(18648855_21800471)x2",  # two copies: nothing lost or gained
        "47,XX",  # a count the sex chromosomes do not add up to
        "SMN1 exon 7 deletion",
        "trisomy 18",  # a syndrome's own name: searched as typed
        "t(11;22)(q23)",  # bands that do not fit the chromosomes
        "t(9;22)(q34;q11) and t(8;21)(q22;q22)",  # two rearrangements
    ],
)
def test_a_line_without_a_chromosome_change_reads_as_none(line: str) -> None:
    assert read_chromosome_line(line) is None
