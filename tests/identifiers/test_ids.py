"""The one identifier parser: loose forms in, canonical CURIEs out."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from identifiers.ids import (
    Identifier,
    IdentifierKind,
    find_identifiers,
    is_valid_nct,
    is_valid_pmid,
    parse_identifier,
    parse_nct,
    parse_pmid,
)

K = IdentifierKind


@pytest.mark.parametrize(
    ("text", "kind", "value", "curie"),
    [
        ("ORPHA:586", K.ORPHA, "586", "ORPHA:586"),
        ("orpha 586", K.ORPHA, "586", "ORPHA:586"),
        ("Orphanet_586", K.ORPHA, "586", "ORPHA:586"),
        ("ORPHANET:586", K.ORPHA, "586", "ORPHA:586"),
        ("ORPHAcode: 586", K.ORPHA, "586", "ORPHA:586"),
        ("Orpha code 586", K.ORPHA, "586", "ORPHA:586"),
        ("OMIM:253300", K.OMIM, "253300", "OMIM:253300"),
        ("MIM 253300", K.OMIM, "253300", "OMIM:253300"),
        ("OMIM #253300", K.OMIM, "253300", "OMIM:253300"),
        ("#253300", K.OMIM, "253300", "OMIM:253300"),
        ("253300", K.OMIM, "253300", "OMIM:253300"),
        ("HP:0001250", K.HPO, "0001250", "HP:0001250"),
        ("hp_0001250", K.HPO, "0001250", "HP:0001250"),
        ("HP:1250", K.HPO, "0001250", "HP:0001250"),
        ("MONDO:0010726", K.MONDO, "0010726", "MONDO:0010726"),
        ("mondo_10726", K.MONDO, "0010726", "MONDO:0010726"),
        ("rs1800112", K.RSID, "1800112", "rs1800112"),
        ("RS1800112", K.RSID, "1800112", "rs1800112"),
        ("NCT02193074", K.NCT, "02193074", "NCT02193074"),
        ("nct 02193074", K.NCT, "02193074", "NCT02193074"),
        (" NCT02193074 ", K.NCT, "02193074", "NCT02193074"),
        ("PMID: 29091570", K.PMID, "29091570", "PMID:29091570"),
        ("pmid29091570", K.PMID, "29091570", "PMID:29091570"),
        ("HGNC:11117", K.HGNC, "11117", "HGNC:11117"),
        ("GARD:0000001", K.GARD, "0000001", "GARD:0000001"),
        ("gard 1", K.GARD, "0000001", "GARD:0000001"),
        ("VCV000012345", K.CLINVAR, "12345", "VCV000012345"),
        ("VCV000012345.4", K.CLINVAR, "12345", "VCV000012345"),
        ("ClinVar:12345", K.CLINVAR, "12345", "VCV000012345"),
    ],
)
def test_loose_forms_normalise_to_one_curie(
    text: str, kind: IdentifierKind, value: str, curie: str
) -> None:
    """Each accepted spelling parses to the same kind, local value and canonical CURIE."""
    assert parse_identifier(text) == Identifier(kind, value, curie)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "12345", "1234567", "29091570", "NCT123", "NCT021930745", "ORPHA:", "hello",
     "HP:", "rs", "ORPHA:0", "OMIM:25330", "chrs123"],
)  # fmt: skip
def test_non_identifiers_return_none(text: str) -> None:
    """Bare numbers other than six digits, truncated ids and prose are not identifiers."""
    assert parse_identifier(text) is None


def test_round_trip_of_curie_is_stable() -> None:
    """Parsing a canonical CURIE gives back the same CURIE."""
    curies = "ORPHA:586 OMIM:253300 HP:0001250 MONDO:0010726 rs1800112 NCT02193074 PMID:29091570"
    curies += " HGNC:11117 GARD:0000001 VCV000012345"
    for curie in curies.split():
        parsed = parse_identifier(curie)
        assert parsed is not None
        assert parsed.curie == curie
        assert str(parsed) == curie


def test_find_identifiers_pulls_every_prefixed_id_in_order() -> None:
    """Free text yields each prefixed id once, in order, and ignores bare numbers."""
    text = (
        "SMA (ORPHA:70, OMIM #253300) was studied in NCT02193074 (PMID: 29091570); "
        "seizures HP:0001250, gene HGNC:11117, rs1800112. We enrolled 120000 people. "
        "See also orpha 70 again."
    )
    assert [ident.curie for ident in find_identifiers(text)] == [
        "ORPHA:70", "OMIM:253300", "NCT02193074", "PMID:29091570", "HP:0001250",
        "HGNC:11117", "rs1800112",
    ]  # fmt: skip


def test_find_identifiers_on_empty_text() -> None:
    """No text, no identifiers."""
    assert find_identifiers("") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [("29091570", True), (29091570, True), ("PMID:29091570", True), ("1", True),
     ("0", False), ("", False), ("123456789", False), ("29091570a", False), (True, False),
     ("NCT02193074", False), (-5, False)],
)  # fmt: skip
def test_is_valid_pmid(value: str | int, expected: bool) -> None:
    """PMIDs are 1-8 digit positive numbers, bare or prefixed."""
    assert is_valid_pmid(value) is expected


def test_parse_pmid_returns_digits() -> None:
    """The PMID helper returns the bare digits an admin form stores."""
    assert parse_pmid("PMID: 29091570") == "29091570"
    assert parse_pmid("29091570") == "29091570"
    assert parse_pmid("abc") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("NCT02193074", True), ("nct02193074", True), ("NCT 02193074", True),
     ("NCT0219307", False), ("02193074", False), ("PMID:29091570", False), ("", False)],
)  # fmt: skip
def test_is_valid_nct(value: str, expected: bool) -> None:
    """NCT numbers are 'NCT' plus exactly eight digits, any case, spaces tolerated."""
    assert is_valid_nct(value) is expected


def test_parse_nct_canonical_form() -> None:
    """The NCT helper returns the upper-case form without spaces."""
    assert parse_nct("nct 02193074") == "NCT02193074"


def test_every_gard_and_orpha_id_in_gard_file_parses(shared_data: Path) -> None:
    """Real GARD ids and their ORPHA/OMIM source ids all parse to their own native form."""
    path = shared_data / "gard" / "GARD.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 10_000
    for row in rows:
        gard = parse_identifier(row["GardID"])
        assert gard is not None
        assert gard.curie == row["GardID"]
        source = row["SourceID"]
        if source.startswith(("ORPHA:", "OMIM:")):
            parsed = parse_identifier(source)
            assert parsed is not None
            assert parsed.curie == source
