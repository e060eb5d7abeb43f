"""Curated therapies: linked to stored conditions and genes, with variant rules and references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbimport.importers.resolve import ConditionIndex
from kbimport.importers.therapies import import_therapies
from kbimport.therapy_file import DEFAULT_THERAPY_FILE, load_therapy_file
from knowledge.models import Therapy, TherapyLink

pytestmark = pytest.mark.usefixtures("kb")


def _link(therapy: str, condition_name: str | None = None) -> TherapyLink:
    links = TherapyLink.objects.filter(therapy__name=therapy)
    if condition_name:
        links = links.filter(condition_name__icontains=condition_name)
    return links.select_related("condition").get()


SMA_IDS = ("OMIM:253300", "OMIM:253550", "OMIM:253400")
SMA_THERAPIES = ("nusinersen", "risdiplam", "onasemnogene abeparvovec")


def _sma_condition_ids() -> set[int]:
    index = ConditionIndex()
    found = {index.find(curie) for curie in SMA_IDS}
    assert None not in found  # the bundled HPO data knows all three SMA types
    return found


def test_sma_dmd_cf_and_fabry_links_reach_stored_conditions() -> None:
    """Nusinersen, eteplirsen, ivacaftor and migalastat are linked to their conditions by id."""
    nusinersen = TherapyLink.objects.filter(therapy__name="nusinersen").select_related("condition")
    assert nusinersen
    assert all("spinal muscular atrophy" in link.condition.name.lower() for link in nusinersen)
    dmd = TherapyLink.objects.filter(therapy__name="eteplirsen").select_related("condition")
    # The bundled HPO data keeps ORPHA:98896 and OMIM:310200 apart: the link reaches both.
    assert {link.condition.primary_id for link in dmd} == {"ORPHA:98896", "OMIM:310200"}
    for link in dmd:
        assert link.variant_rule == {"kind": "exon_skip", "gene": "DMD", "exon": 51}
        assert set(link.genes.values_list("symbol", flat=True)) == {"DMD"}
    cf = TherapyLink.objects.filter(therapy__name="ivacaftor").select_related("condition")
    # Orphanet maps ORPHA:586 exactly to OMIM:219700: both pages list it (issue 13).
    assert {link.condition.primary_id for link in cf} == {"ORPHA:586", "OMIM:219700"}
    assert all("G551D" in link.variant_rule["any_of"] for link in cf)
    for fabry in TherapyLink.objects.filter(therapy__name="migalastat"):
        assert fabry.variant_rule["kind"] == "amenable_list"
        assert "fabry" in fabry.condition.name.lower()


def test_milasen_is_individualized_with_references() -> None:
    """Milasen is an individualized (n-of-1) antisense therapy with a cited source."""
    link = _link("milasen")
    assert link.status == "individualized"
    assert Therapy.objects.get(name="milasen").modality == "antisense_oligonucleotide"
    assert link.pmids or link.urls
    assert link.source
    assert link.retrieved_on


def test_therapy_rerun_changes_nothing() -> None:
    """Importing the same therapy file again leaves every row as it was."""
    before = TherapyLink.objects.count()
    tally = import_therapies()
    assert tally.totals[:2] == (0, 0)
    assert TherapyLink.objects.count() == before >= 57
    assert tally.unchanged["TherapyLink"] == before


@pytest.mark.parametrize("therapy", SMA_THERAPIES)
def test_a_link_naming_three_sma_types_reaches_each_of_them(therapy: str) -> None:
    """The fact sheet names OMIM 253300, 253550 and 253400: every one of them gets the link, and
    so does their Orphanet group ORPHA:70 (added by the curated file, sourced to its packet)."""
    links = TherapyLink.objects.filter(therapy__name=therapy).prefetch_related("genes")
    group = ConditionIndex().find("ORPHA:70")
    assert {link.condition_id for link in links} == _sma_condition_ids() | {group}
    assert len(links) == 4
    for link in links:
        assert link.condition_name == "5q spinal muscular atrophy"
        assert link.status == "fda_approved"
        assert [g.symbol for g in link.genes.all()] == ["SMN1"]
        assert link.source_url


def test_link_rows_match_the_conditions_the_file_names() -> None:
    """One row per distinct stored condition a link names (one row when none is stored)."""
    index = ConditionIndex()
    expected = 0
    for record in load_therapy_file():
        for link in record.links:
            found = {index.find(curie) for curie in link.condition_ids} - {None}
            expected += max(1, len(found))
    assert TherapyLink.objects.count() == expected > 57


def test_a_link_naming_fewer_conditions_drops_the_others_and_counts_it(tmp_path: Path) -> None:
    """A condition id removed from the file takes its row away; the rerun then changes nothing."""
    data = json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))
    nusinersen = next(t for t in data["therapies"] if t["name"] == "nusinersen")
    nusinersen["links"][0]["condition_ids"] = ["OMIM:253550"]
    nusinersen["links"][0]["condition_id_source"] = {"OMIM:253550": "test edit"}
    edited = tmp_path / "therapies.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    kept = ConditionIndex().find("OMIM:253550")
    before = {link.pk for link in TherapyLink.objects.filter(therapy__name="nusinersen")}

    tally = import_therapies(path=edited)

    after = list(TherapyLink.objects.filter(therapy__name="nusinersen"))
    assert [link.condition_id for link in after] == [kept]
    assert after[0].pk in before  # the row for the kept condition is the same row
    assert tally.updated["TherapyLink removed"] == 3  # two other types and the group
    assert tally.created["TherapyLink"] == 0
    assert import_therapies(path=edited).totals[:2] == (0, 0)
