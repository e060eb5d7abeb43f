"""Orphanet parsers, run on the real ORPHApackets and Orphadata XML files."""

from __future__ import annotations

import io
import json
import tarfile
from collections import Counter
from pathlib import Path

import pytest

from kbimport.sources import SourceFileError, SourceRowError
from kbimport.sources.orphanet import (
    OrphaDisorderRecord,
    iter_orphapackets,
    iter_product4,
    iter_product6,
    iter_product9_ages,
)

PACKET_70 = "orphanet/orphapackets/ORPHApacket_70.json"


@pytest.fixture(scope="module")
def all_packets(shared_data: Path) -> dict[int, OrphaDisorderRecord]:
    found = {}
    for item in iter_orphapackets(shared_data / "orphanet" / "orphapackets_json_2025-12.tar.gz"):
        assert isinstance(item, OrphaDisorderRecord), item
        found[item.orpha_code] = item
    return found


def test_tarball_holds_every_packet(all_packets: dict[int, OrphaDisorderRecord]) -> None:
    """All 9,960 packets of the December 2025 tarball parse, with their version."""
    assert len(all_packets) == 9_960
    assert {p.version for p in all_packets.values()} == {"1.3.42 / 4.1.8 [2025-03-03]"}
    assert sum(len(p.synonyms) for p in all_packets.values()) == 13_888
    assert sum(len(p.phenotypes) for p in all_packets.values()) == 115_878
    assert sum(1 for p in all_packets.values() if p.genes) == 4_077


def test_packets_carry_only_omim_xrefs(all_packets: dict[int, OrphaDisorderRecord]) -> None:
    """In this release the packets' external references are OMIM only (8,435 of them)."""
    sources = Counter(x.source for p in all_packets.values() for x in p.xrefs)
    assert sources == {"OMIM": 8_435}


def test_proximal_sma_packet(all_packets: dict[int, OrphaDisorderRecord]) -> None:
    """ORPHA:70 is the proximal SMA group, broader than four OMIM entries, with no own genes."""
    sma = all_packets[70]
    assert sma.name == "Proximal spinal muscular atrophy"
    assert sma.synonyms == ("SMA",)
    assert {(x.reference, x.relation[:4]) for x in sma.xrefs} == {
        ("253300", "BTNT"),
        ("253400", "BTNT"),
        ("253550", "BTNT"),
        ("271150", "BTNT"),
    }
    assert sma.genes == ()
    assert sma.children == (83330, 83418, 83419, 83420)
    assert sma.inheritance == ("Autosomal recessive",)
    assert sma.url == "http://www.orpha.net/ORDO/Orphanet_70"


def test_sma_type_1_genes(all_packets: dict[int, OrphaDisorderRecord]) -> None:
    """SMA type 1 (ORPHA:83330) lists SMN1 with its HGNC id as disease-causing."""
    genes = {g.symbol: g for g in all_packets[83330].genes}
    assert genes["SMN1"].hgnc_id == "HGNC:11117"
    assert genes["SMN1"].association_type == "Disease-causing germline mutation(s) in"
    assert genes["SMN2"].association_type == "Modifying germline mutation in"


def test_folder_of_packets(shared_data: Path) -> None:
    """A folder of packets is read file by file and reports progress to its total size."""
    folder = shared_data / "orphanet" / "orphapackets"
    seen: list[tuple[int, int | None]] = []
    records = list(iter_orphapackets(folder, on_progress=lambda a, b: seen.append((a, b))))
    assert len(records) == 40
    assert all(isinstance(r, OrphaDisorderRecord) for r in records)
    total = sum(f.stat().st_size for f in folder.glob("*.json"))
    assert seen[-1] == (total, total)


def test_truncated_packet_in_folder(shared_data: Path, tmp_path: Path) -> None:
    """A truncated packet gives a row error naming its file and line; the others come through."""
    good = (shared_data / PACKET_70).read_bytes()
    (tmp_path / "ORPHApacket_70.json").write_bytes(good)
    (tmp_path / "ORPHApacket_71.json").write_bytes(good[:300])
    (tmp_path / "ORPHApacket_72.json").write_text(json.dumps({"Orphapacket": {"ORPHAcode": "x"}}))
    items = list(iter_orphapackets(tmp_path))
    errors = [x for x in items if isinstance(x, SourceRowError)]
    assert [(Path(e.file).name, e.field) for e in errors] == [
        ("ORPHApacket_71.json", None),
        ("ORPHApacket_72.json", "ORPHAcode"),
    ]
    assert errors[0].line == good[:300].count(b"\n") + 1
    assert [x.orpha_code for x in items if isinstance(x, OrphaDisorderRecord)] == [70]


def test_truncated_packet_in_tarball(shared_data: Path, tmp_path: Path) -> None:
    """Inside a tarball the broken member is named and the members after it still parse."""
    good = (shared_data / PACKET_70).read_bytes()
    archive = tmp_path / "packets.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in [("a.json", good[:-40]), ("b.json", good)]:
            info = tarfile.TarInfo(f"json/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    items = list(iter_orphapackets(archive))
    assert isinstance(items[0], SourceRowError)
    assert items[0].file == f"{archive}:json/a.json"
    assert isinstance(items[1], OrphaDisorderRecord)
    assert items[1].orpha_code == 70


def test_missing_or_corrupt_archive_raises(tmp_path: Path) -> None:
    """An absent path or a file that is not an archive raises SourceFileError."""
    with pytest.raises(SourceFileError):
        list(iter_orphapackets(tmp_path / "absent.tar.gz"))
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(SourceFileError):
        list(iter_orphapackets(junk))


def test_product6_genes(shared_data: Path) -> None:
    """en_product6 gives each disorder's genes with HGNC id, association type and status."""
    records = list(iter_product6(shared_data / "orphanet" / "en_product6_head_2020-08.xml"))
    assert len(records) == 34
    aga = next(r for r in records if isinstance(r, OrphaDisorderRecord) and r.orpha_code == 93)
    assert aga.name == "Aspartylglucosaminuria"
    assert [(g.symbol, g.hgnc_id, g.status) for g in aga.genes] == [("AGA", "HGNC:318", "Assessed")]
    assert aga.date == "2020-08-01 04:32:16"


def test_product4_phenotypes(shared_data: Path) -> None:
    """en_product4 gives HPO phenotypes with Orphanet's frequency labels."""
    records = list(iter_product4(shared_data / "orphanet" / "en_product4_small_2020-07.xml"))
    assert [r.orpha_code for r in records if isinstance(r, OrphaDisorderRecord)] == [61, 93, 585]
    first = records[0]
    assert isinstance(first, OrphaDisorderRecord)
    assert first.phenotypes[0].hpo_id == "HP:0000632"
    assert first.phenotypes[0].frequency == "Very frequent (99-80%)"


def test_product9_ages_uses_orphanumber(shared_data: Path) -> None:
    """The 2019 en_product9_ages names the code OrphaNumber; onset and inheritance still parse."""
    records = list(
        iter_product9_ages(shared_data / "orphanet" / "en_product9_ages_small_2019-06.xml")
    )
    assert len(records) == 9
    first = records[0]
    assert isinstance(first, OrphaDisorderRecord)
    assert first.orpha_code == 166024
    assert first.age_of_onset == ("Infancy", "Neonatal")
    assert first.inheritance == ("Autosomal recessive",)


def _disorder(code: str, name: str) -> str:
    return (
        f'    <Disorder id="1">\n      <OrphaCode>{code}</OrphaCode>\n'
        f'      <Name lang="en">{name}</Name>\n    </Disorder>\n'
    )


def test_broken_xml_product(tmp_path: Path) -> None:
    """A bad code is skipped with its line; a syntax error ends the file with its line."""
    path = tmp_path / "en_product6.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<JDBOR date="x">\n  <DisorderList>\n'
        + _disorder("58", "Alexander disease")
        + _disorder("abc", "Broken")
        + _disorder("61", "Alpha-mannosidosis")
        + '    <Disorder id="9">\n      <OrphaCode>93</Orpha\n'
    )
    items = list(iter_product6(path))
    good = [x.orpha_code for x in items if isinstance(x, OrphaDisorderRecord)]
    errors = [(x.line, x.field) for x in items if isinstance(x, SourceRowError)]
    assert good == [58, 61]
    assert errors == [(8, "OrphaCode"), (17, None)]
