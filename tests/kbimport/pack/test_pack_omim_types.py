"""Orphanet's BTNT mappings from the small real pack: the numbered OMIM types of a disease
become its types, with their source and date, and show on the disease's page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kbimport.importers.pack_load import pack_steps
from knowledge.models import Condition, ConditionSubtype, SubtypeRelation

pytestmark = pytest.mark.usefixtures("packed_kb")


def _omim_types(orpha: str) -> dict[str, ConditionSubtype]:
    links = ConditionSubtype.objects.filter(
        parent__primary_id=orpha, relation=SubtypeRelation.OMIM_NARROWER
    ).select_related("child")
    return {link.child.primary_id: link for link in links}


def test_a_numbered_omim_type_is_stored_as_a_type_of_its_disease_with_its_source() -> None:
    """ALS (ORPHA:803) maps OMIM:606640, "Amyotrophic lateral sclerosis 3", as BTNT."""
    types = _omim_types("ORPHA:803")
    link = types["OMIM:606640"]
    assert link.child.name == "Amyotrophic lateral sclerosis 3"
    assert link.source == "Orphanet ORPHApackets 2025-12 (BTNT)"
    assert link.source_id == "ORPHA:803 BTNT OMIM:606640"
    assert link.source_url.endswith("803")
    assert link.retrieved_on == dt.date(2025, 12, 9)
    assert len(types) >= 10  # ALS has 23 BTNT mappings; those the HPO annotations hold


def test_an_omim_id_merged_by_an_exact_mapping_is_not_made_a_type_again() -> None:
    """OMIM:253300 is SMA type 1 (exact, ORPHA:83330) and narrower than SMA (ORPHA:70): the
    classification already links them; no second, OMIM-level link is made."""
    assert Condition.objects.filter(primary_id="OMIM:253300").count() == 0
    assert _omim_types("ORPHA:70") == {}
    sma1 = ConditionSubtype.objects.get(
        parent__primary_id="ORPHA:70", child__primary_id="ORPHA:83330"
    )
    assert sma1.relation == SubtypeRelation.CLASSIFICATION


def test_the_step_run_again_writes_nothing(pack_dir: Path) -> None:
    """Idempotent: a second run of the step finds every link as it is."""
    step = next(s for s in pack_steps(pack_dir) if s.key == "omim_types")
    assert step.done()
    tally = step.run()
    assert tally.created["ConditionSubtype"] == 0
    assert tally.updated["ConditionSubtype"] == 0
    assert tally.unchanged["ConditionSubtype"] >= 10


def test_the_disease_page_lists_its_omim_types_and_the_type_page_names_its_disease(
    client,
) -> None:
    """A family on the ALS page sees the OMIM types; on a type's page, the disease it is part of."""
    als = Condition.objects.get(primary_id="ORPHA:803")
    html = client.get(als.get_absolute_url()).content.decode()
    types = html.split('id="types-title"', 1)[1].split("</section>", 1)[0]
    assert "OMIM, a catalogue of genetic conditions, lists" in types
    assert "(OMIM:606640)" in types
    als3 = Condition.objects.get(primary_id="OMIM:606640")
    html = client.get(als3.get_absolute_url()).content.decode()
    where = html.split('id="types-title"', 1)[1].split("</section>", 1)[0]
    assert "It is part of:" in where
    assert f'href="{als.get_absolute_url()}"' in where
