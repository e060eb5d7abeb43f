"""Which way a part is turned (issue 17): after "turn", "in" and "out" say the way, so "his feet
are turned out" is no club foot, which turns in (plain Python, no database)."""

from __future__ import annotations

import pytest

from tests.treatments.phrases import read, table_of

# Lines of treatments/data/everyday_signs.tsv: Talipes equinovarus (HPO layperson synonym 'Club
# feet'), Pes valgus (HPO definition 'An outward deviation of the foot ...'), Strabismus (HPO
# layperson synonym 'Cross-eyed'), Cubitus valgus ('Outward turned elbows'), hp.obo 2025-01-16.
TURNED = table_of(
    ("feet turned in at birth", "HP:0001762", 0),
    ("feet turn in", "HP:0001762", 0),
    ("feet turn outward", "HP:0008081", 0),
    ("eyes turn in", "HP:0000486", 0),
    ("eye turns out", "HP:0000486", 0),
    ("elbows turn out", "HP:0002967", 0),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # was: Talipes equinovarus ("in" was dropped as filler, so the row read "feet turn")
        ("his feet are turned out", ["HP:0008081"]),
        ("her feet turn out", ["HP:0008081"]),
        # a turn with no way said is neither
        ("his feet turned", []),
    ],
)
def test_feet_turned_out_are_not_a_club_foot(query: str, expected: list[str]) -> None:
    assert read(query, TURNED) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("his feet turn in", ["HP:0001762"]),
        ("her feet were turned in at birth", ["HP:0001762"]),
        ("his feet turn outwards", ["HP:0008081"]),
        ("her eyes turn in", ["HP:0000486"]),
        ("his eye turns out", ["HP:0000486"]),
        ("her elbows turn out", ["HP:0002967"]),
    ],
)
def test_a_way_said_still_reads_its_own_row(query: str, expected: list[str]) -> None:
    assert read(query, TURNED) == expected
