"""Chromosome regions read from bands: report lines (ISCN 2020/2024), syndrome names and HGNC
gene locations, compared for overlap by the bands' own numbering."""

from __future__ import annotations

import pytest

from identifiers.cytogenetics import read_chromosome_line
from identifiers.regions import (
    GAIN,
    LOSS,
    Region,
    RegionChange,
    condition_regions,
    gene_region,
    named_region,
    within_a_band,
)


def read_line_region(line: str) -> RegionChange | None:
    read = read_chromosome_line(line)
    return None if read is None else read.region


@pytest.mark.parametrize(
    ("line", "bands", "change", "copies", "build"),
    [
        ("arr[GRCh37] 15q13.2q13.3(31000000-32500000)x1", "15q13.2q13.3", LOSS, 1, "GRCh37"),
        ("arr[GRCh38] 17q12(36,458,000-37,854,000)x3", "17q12", GAIN, 3, "GRCh38"),
        ("seq[GRCh38] del(15)(q13.2q13.3)", "15q13.2q13.3", LOSS, None, "GRCh38"),
        ("46,XY,del(5)(p15.2p15.33)", "5p15.2p15.33", LOSS, None, ""),
        ("dup(17)(p11.2)", "17p11.2", GAIN, None, ""),
        ("15q13.2-q13.3 deletion", "15q13.2q13.3", LOSS, None, ""),
        ("15q14 gain", "15q14", GAIN, None, ""),
        ("15q13.3q14", "15q13.3q14", "", None, ""),
        ("Xp22.31 deletion", "Xp22.31", LOSS, None, ""),
        ("my son has a 16p11.2 deletion", "16p11.2", LOSS, None, ""),
        ("they found a duplication of 7q11.23 in my son", "7q11.23", GAIN, None, ""),
    ],
)
def test_a_line_reads_as_its_region_and_change(
    line: str, bands: str, change: str, copies: int | None, build: str
) -> None:
    read = read_line_region(line)
    assert read is not None
    assert (read.region.bands, read.change, read.copies, read.build) == (
        bands,
        change,
        copies,
        build,
    )


def test_coordinates_are_kept_as_written() -> None:
    read = read_line_region("arr[GRCh37] 15q13.2q13.3(31,000,000-32,500,000)x1")
    assert read is not None
    assert (read.start, read.end) == (31_000_000, 32_500_000)


@pytest.mark.parametrize(
    "line",
    [
        "47,XX,+21",  # a whole chromosome: read by its names elsewhere
        "t(9;22)(q34;q11)",  # two chromosomes
        "arr[GRCh37] 15q13.2q13.3(31000000-32500000)x2",  # two copies: no change
        "del(15)(q13.2",  # cut short
        "15q13.3 deletion and duplication",  # both at once
        "BRCA1 17q21",
        "1p19q codeletion",
        "arr[GRCh37] 15q(",
        "",
    ],
)
def test_bad_or_partial_lines_are_not_read_and_do_not_raise(line: str) -> None:
    assert read_line_region(line) is None


def test_overlap_is_closest_for_the_same_bands_and_none_on_other_bands() -> None:
    line = Region("15", "q13.2", "q13.3")
    exact = Region("15", "q13.3", "q13.3")
    wide = Region("15", "q11", "q13")
    assert line.overlap(exact) > line.overlap(wide) > 0
    assert line.overlap(Region("15", "q14", "q14")) == 0
    assert line.overlap(Region("16", "q13.3", "q13.3")) == 0
    # p bands count outwards from the centromere too
    assert Region("17", "p12", "p12").overlap(Region("17", "p11.2", "p12")) > 0
    assert Region("17", "p12", "p12").overlap(Region("17", "p11.2", "p11.2")) == 0
    # a whole arm holds each of its bands
    assert Region("5", "p15.2", "p15.33").overlap(Region("5", "p", "p")) > 0


def test_names_carry_their_region_and_kind() -> None:
    assert named_region("Distal 16p11.2 microdeletion syndrome") == (
        Region("16", "p11.2", "p11.2"),
        LOSS,
    )
    assert named_region("Dup(22)(q11)") == (Region("22", "q11", "q11"), GAIN)
    assert named_region("4p- syndrome") == (Region("4", "p", "p"), LOSS)
    assert named_region("Beckwith-Wiedemann syndrome due to imprinting defect of 11p15") == (
        Region("11", "p15", "p15"),
        "",
    )
    assert named_region("Down syndrome") is None
    # Xeroderma pigmentosum's abbreviation is no arm of chromosome X
    assert named_region("XP/CS complex") is None
    assert named_region("Xp, group a") is None
    assert named_region("XP4") is None  # a band is two digits


def test_a_whole_arm_name_is_dropped_when_another_name_gives_bands() -> None:
    regions = condition_regions(
        ["Miller-Dieker syndrome", "Monosomy 17p13.3", "Telomeric deletion 17p"]
    )
    assert regions == [(Region("17", "p13.3", "p13.3"), LOSS, 0)]
    assert condition_regions(["Monosomy 5p syndrome", "Deletion 5p"])[0][0] == Region("5", "p", "p")


def test_hgnc_locations_read_as_regions() -> None:
    assert gene_region("15q11.2-q12") == Region("15", "q11.2", "q12")
    assert gene_region("Xp22.33 and Yp11.2") == Region("X", "p22.33", "p22.33")
    assert gene_region("mitochondria") is None
    assert gene_region("22p") is None


@pytest.mark.parametrize(
    ("written", "location", "placed"),
    [
        # The four translocations' breaks as karyotypes write them, and the fused genes
        # Orphanet names for their leukemias, where HGNC places them (GRCh38).
        ("8q22", "8q21.3", True),  # t(8;21)(q22;q22.1): RUNX1T1, at the border a band away
        ("21q22.1", "21q22.12", True),  # RUNX1
        ("15q24", "15q24.1", True),  # t(15;17)(q24;q21): PML
        ("17q21", "17q21.2", True),  # RARA
        ("9q34", "9q34.12", True),  # t(9;22)(q34;q11): ABL1
        ("22q11", "22q11.23", True),  # BCR
        ("12p13", "12p13.2", True),  # t(12;21)(p13;q22): ETV6
        ("21q22", "21q22.12", True),  # RUNX1
        # Never a band further off, another region, the other arm or chromosome.
        ("17q21", "17q24.2", False),  # PRKAR1A, listed for the same leukemia
        ("15q22", "15q24.1", False),  # the older ISCN's t(15;17)(q22;q12) and PML
        ("8q22", "8q13.3", False),
        ("8q21", "8q14", False),  # q14 to q21 crosses a region's border: no band map says next
        ("8q22", "8p22", False),
        ("8q22", "21q22.12", False),
    ],
)
def test_a_gene_is_at_a_written_break_in_its_band_or_the_next_one(
    written: str, location: str, placed: bool
) -> None:
    # Was: only a gene inside the written band; HGNC's 8q21.3 was not at t(8;21)'s 8q22.
    break_band = gene_region(written)
    gene = gene_region(location)
    assert break_band is not None
    assert gene is not None
    assert within_a_band(break_band, gene) is placed
