"""build_knowledge_pack on the real source files: counts, manifest, and the committed pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.sources.gard import GardXrefRecord
from kbimport.sources.omim import Mim2GeneRecord
from kbimport.sources.orphanet import OrphaDisorderRecord, iter_orphapackets
from kbimport.sources.pack import MANIFEST, file_sha256, iter_pack_records

COUNTS = {
    "orphanet.jsonl.gz": 9960, "hgnc.jsonl.gz": 43882, "mim2gene.jsonl.gz": 16668,
    "gard_diseases.jsonl.gz": 12004, "gard_xrefs.jsonl.gz": 15573,
}  # fmt: skip


@pytest.fixture(scope="module")
def built(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    call_command("build_knowledge_pack", "--path", str(shared_data), "--out", str(out),
                 "--gard-date", "2024-05-30")  # fmt: skip
    return out


@pytest.mark.shared_data
def test_the_pack_holds_every_record_with_its_source_terms(built: Path) -> None:
    """Every disorder, approved gene, OMIM gene id and GARD disease, with version and licence."""
    manifest = json.loads((built / MANIFEST).read_text())
    files = {n: m for s in manifest["sources"].values() for n, m in s["files"].items()}
    assert {name: meta["records"] for name, meta in files.items()} == COUNTS
    orphanet = manifest["sources"]["orphanet"]
    assert orphanet["version"] == "1.3.42 / 4.1.8 [2025-03-03]"
    assert orphanet["date"] == "2025-12-09"
    assert orphanet["licence"] == "CC BY 4.0"
    assert "orpha.net" in orphanet["attribution"]
    assert manifest["sources"]["hgnc"]["date"] == "2024-10-18"
    assert manifest["sources"]["mim2gene"]["date"] == "2022-05-09"
    assert "no OMIM text" in manifest["sources"]["mim2gene"]["licence"]
    assert sum(m["bytes"] for m in files.values()) < 15_000_000
    for name, meta in files.items():
        assert file_sha256(built / name) == meta["sha256"]


@pytest.mark.shared_data
def test_the_committed_pack_is_what_the_builder_makes(built: Path) -> None:
    """Rebuilt from the same files, every pack file is byte-identical to the committed one."""
    for name in COUNTS:
        assert file_sha256(built / name) == file_sha256(DEFAULT_PACK_DIR / name), name


@pytest.mark.shared_data
def test_pack_records_are_the_parsed_records(built: Path, shared_data: Path) -> None:
    """A disorder read back from the pack equals the one parsed from its ORPHApacket."""
    parsed = {r.orpha_code: r for r in iter_orphapackets(shared_data / "orphanet" / "orphapackets")
              if isinstance(r, OrphaDisorderRecord)}  # fmt: skip
    packed = {r.orpha_code: r for r in iter_pack_records(built / "orphanet.jsonl.gz")
              if r.orpha_code in parsed}  # fmt: skip
    assert packed == parsed


@pytest.mark.shared_data
def test_omim_and_gard_keep_ids_only(built: Path) -> None:
    """mim2gene lines are numbers and gene ids; GARD keeps its exact Orphanet/OMIM mappings."""
    mim = list(iter_pack_records(built / "mim2gene.jsonl.gz"))
    assert all(isinstance(r, Mim2GeneRecord) and r.entry_type.startswith("gene") for r in mim)
    xrefs = list(iter_pack_records(built / "gard_xrefs.jsonl.gz"))
    assert all(isinstance(r, GardXrefRecord) and r.relation == "Exact" for r in xrefs)
    assert {r.source for r in xrefs} == {"Orphanet", "OMIM"}
