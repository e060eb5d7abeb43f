"""Curated therapies: linked to stored conditions and genes, with variant rules and references."""

from __future__ import annotations

import pytest

from knowledge.importers.therapies import import_therapies
from knowledge.models import Therapy, TherapyLink

pytestmark = pytest.mark.usefixtures("kb")


def _link(therapy: str, condition_name: str | None = None) -> TherapyLink:
    links = TherapyLink.objects.filter(therapy__name=therapy)
    if condition_name:
        links = links.filter(condition_name__icontains=condition_name)
    return links.select_related("condition").get()


def test_sma_dmd_cf_and_fabry_links_reach_stored_conditions() -> None:
    """Nusinersen, eteplirsen, ivacaftor and migalastat are linked to their conditions by id."""
    assert _link("nusinersen").condition is not None
    assert "spinal muscular atrophy" in _link("nusinersen").condition.name.lower()
    dmd = _link("eteplirsen")
    assert dmd.condition.primary_id in {"ORPHA:98896", "OMIM:310200"}
    assert dmd.variant_rule == {"kind": "exon_skip", "gene": "DMD", "exon": 51}
    assert set(dmd.genes.values_list("symbol", flat=True)) == {"DMD"}
    cf = _link("ivacaftor")
    assert cf.condition.primary_id == "ORPHA:586"
    assert "G551D" in cf.variant_rule["any_of"]
    fabry = _link("migalastat")
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
