"""Orphanet and GARD enrichment on the real files: updates, cross-references and merges."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from knowledge.importers.gard import import_gard
from knowledge.importers.orphanet import import_orphapackets
from knowledge.models import Condition, ConditionIdentifier, ConditionSynonym, SlugRedirect

pytestmark = pytest.mark.usefixtures("kb")


@pytest.fixture
def packets(shared_data: Path) -> Path:
    return shared_data / "orphanet" / "orphapackets"


def test_exact_omim_mapping_merges_the_omim_twin(packets: Path) -> None:
    """OMIM:219700 (exactly ORPHA:586) stops being a condition of its own; its URL redirects."""
    omim_cf = Condition.objects.get(primary_id="OMIM:219700")
    old_slug, phenotypes = omim_cf.slug, omim_cf.phenotypes.count()
    conditions_before = Condition.objects.count()

    import_orphapackets(path=packets)

    cf = Condition.objects.get(primary_id="ORPHA:586")
    assert not Condition.objects.filter(primary_id="OMIM:219700").exists()
    ident = ConditionIdentifier.objects.get(scheme="OMIM", value="219700")
    assert ident.condition == cf
    assert ident.mapping.startswith("E")
    assert SlugRedirect.objects.get(old_slug=old_slug).condition == cf
    assert cf.phenotypes.count() >= phenotypes
    assert Condition.objects.count() < conditions_before + 40  # merges offset the new ones


def test_orphapackets_update_existing_codes_without_duplicates(packets: Path) -> None:
    """An ORPHA code from the HPO import is enriched in place, with Orphanet's facts and names."""
    pk = Condition.objects.get(primary_id="ORPHA:586").pk
    import_orphapackets(path=packets)
    cf = Condition.objects.get(primary_id="ORPHA:586")
    assert cf.pk == pk
    assert cf.definition
    assert cf.definition_source == "ORPHA:586"
    assert "autosomal_recessive" in cf.inheritance
    assert cf.facts_source.startswith("Orphanet ORPHApackets")
    assert cf.gene_links.filter(gene__symbol="CFTR").exists()
    assert ConditionSynonym.objects.filter(condition=cf, text__iexact="Mucoviscidosis").exists()
    assert Condition.objects.filter(primary_id="ORPHA:586").count() == 1


def test_orphapackets_rerun_changes_nothing(packets: Path) -> None:
    """After merges and enrichment, the same packets again change no row."""
    import_orphapackets(path=packets)
    counts = (Condition.objects.count(), ConditionIdentifier.objects.count())
    tally = import_orphapackets(path=packets)
    assert tally.totals[:2] == (0, 0)
    assert (Condition.objects.count(), ConditionIdentifier.objects.count()) == counts


def _subset(source: Path, target: Path, gard_ids: set[str]) -> None:
    with source.open(newline="", encoding="utf-8") as src, target.open("w", newline="") as out:
        reader, writer = csv.reader(src), csv.writer(out)
        writer.writerow(next(reader))
        writer.writerows(row for row in reader if row[0] in gard_ids)


def test_gard_adds_ids_synonyms_and_merges_exact_omim(shared_data: Path, tmp_path: Path) -> None:
    """GARD:0006233 (cystic fibrosis) becomes a cross-reference, and its exact OMIM merges."""
    wanted = {"GARD:0006233", "GARD:0000001"}
    for name in ("GARD.csv", "GARD_xrefs.csv"):
        _subset(shared_data / "gard" / name, tmp_path / name, wanted)
    tally = import_gard(path=tmp_path)
    cf = Condition.objects.get(primary_id="ORPHA:586")
    assert ConditionIdentifier.objects.get(scheme="GARD", value="0006233").condition == cf
    assert ConditionIdentifier.objects.get(scheme="OMIM", value="219700").condition == cf
    assert not Condition.objects.filter(primary_id="OMIM:219700").exists()
    assert tally.run is not None
    assert tally.run.status == "ok"
    assert import_gard(path=tmp_path).totals[:2] == (0, 0)
