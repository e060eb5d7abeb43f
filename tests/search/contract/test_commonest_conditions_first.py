"""A gene's conditions follow it commonest first (Orphanet's prevalence class); a symbol that
is also a condition's abbreviation shows that condition within the first three; a report line
naming a gene without a variant is followed by the gene's conditions. Page and API, on every
backend.

Rows as Orphanet (2025-12) and HGNC give them: HBB (HGNC:4827) and four of the conditions
Orphanet says it causes, with their prevalence classes (beta-thalassemia major's headline is
"Unknown", its point prevalence ">1 / 1000"); PAH (HGNC:8582), the two types of
phenylketonuria (no class of their own, under Phenylketonuria, "1-9 / 100 000"), maternal
phenylketonuria ("Unknown"), and pulmonary arterial hypertension, whose Orphanet synonym is
"PAH"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Condition, ConditionGene, ConditionSubtype, Gene, SynonymKind
from knowledge.search_rows import gene_caused_conditions
from search import lexicon
from search.indexer import index_objects
from tests.search.contract.data import (
    ORPHANET,
    READ,
    client_over_contract_phenotypes,
    create_condition,
    create_gene,
    indexed,
    link_gene,
    search_ids,
)

pytestmark = pytest.mark.django_db

CAUSES = "Disease-causing germline mutation(s) in"


def _condition(curie: str, name: str, prevalence: str = "", statements=(), synonyms=()):
    return create_condition(
        curie,
        name,
        "",
        list(synonyms),
        prevalence=prevalence,
        prevalence_statements=list(statements),
    )


def _causes(gene: Gene, conditions: list[Condition]) -> None:
    for condition in conditions:
        link_gene(condition, gene, CAUSES)


@pytest.fixture
def client(backend: str) -> Iterator[Client]:
    client = client_over_contract_phenotypes()
    hbb = create_gene("HBB", "HGNC:4827", "hemoglobin subunit beta")
    pah = create_gene("PAH", "HGNC:8582", "phenylalanine hydroxylase")
    # Linked rarest first, as the links' ids happened to list HBB's.
    hbb_causes = [
        _condition("ORPHA:231226", "Unstable beta globin chain variant disease", "Unknown"),
        _condition("ORPHA:231242", "Hemoglobin C-beta-thalassemia syndrome", "Unknown"),
        _condition("ORPHA:232", "Sickle cell anemia", "1-5 / 10 000"),
        _condition(
            "ORPHA:231214",
            "Beta-thalassemia major",
            "Unknown",
            [{"type": "Point prevalence", "class": ">1 / 1000", "label": "Europe"}],
        ),
    ]
    pku = _condition("ORPHA:716", "Phenylketonuria", "1-9 / 100 000")
    pah_causes = [
        _condition("ORPHA:2209", "Maternal phenylketonuria syndrome", "Unknown"),
        _condition("ORPHA:293284", "Tetrahydrobiopterin-responsive phenylketonuria"),
        _condition("ORPHA:708895", "Tetrahydrobiopterin-unresponsive phenylketonuria"),
    ]
    for subtype in pah_causes[1:]:
        ConditionSubtype.objects.create(
            parent=pku, child=subtype, source=ORPHANET, source_id="716", retrieved_on=READ
        )
    hypertension = _condition(
        "ORPHA:182090",
        "Pulmonary arterial hypertension",
        "1-9 / 100 000",
        synonyms=[("PAH", SynonymKind.ABBREVIATION)],
    )
    _causes(hbb, hbb_causes)
    _causes(pah, pah_causes)
    # SMN1 causes spinal muscular atrophy type 1 (the contract data's link, typed here).
    smn1 = ConditionGene.objects.get(gene__symbol="SMN1", condition__primary_id="ORPHA:83330")
    smn1.association = CAUSES
    smn1.save()
    conditions = [*hbb_causes, pku, *pah_causes, hypertension]
    try:
        with indexed("condition", conditions), indexed("gene", [hbb, pah]):
            index_objects("gene", [smn1.gene_id])
            lexicon.invalidate()  # the new genes' symbols are symbols of genes tied to a condition
            yield client
    finally:
        smn1.association = ""
        smn1.save()
        index_objects("gene", [smn1.gene_id])
        lexicon.invalidate()


def test_a_genes_conditions_follow_it_commonest_first(client: Client) -> None:
    # Before: in the order of their links or of their text, the rarest first.
    ids = search_ids(client, "HBB")
    assert ids[:5] == ["HBB", "ORPHA:231214", "ORPHA:232", "ORPHA:231226", "ORPHA:231242"]
    html = client.get("/search", {"q": "HBB"}).content.decode()
    assert html.index("Beta-thalassemia major") < html.index("Sickle cell anemia")
    assert html.index("Sickle cell anemia") < html.index("Unstable beta globin chain")


def test_a_type_without_a_class_counts_as_its_diseases_share(client: Client) -> None:
    ids = search_ids(client, "PAH gene")
    assert ids[:4] == ["PAH", "ORPHA:293284", "ORPHA:708895", "ORPHA:2209"]


def test_a_symbol_that_is_also_an_abbreviation_shows_both_in_the_first_three(
    client: Client,
) -> None:
    # Before: PAH, then its three conditions, then pulmonary arterial hypertension fifth.
    ids = search_ids(client, "PAH")
    assert ids[:3] == ["PAH", "ORPHA:293284", "ORPHA:182090"]
    assert {"ORPHA:708895", "ORPHA:2209"} <= set(ids[3:10])
    html = client.get("/search", {"q": "PAH"}).content.decode()
    assert html.index("/genes/PAH/") < html.index("Pulmonary arterial hypertension")
    assert html.index("Pulmonary arterial hypertension") < html.index("Maternal phenylketonuria")


def test_a_report_finding_without_a_variant_is_followed_by_the_genes_conditions(
    client: Client,
) -> None:
    # Before: SMN1, then whatever shared a word; the condition far below.
    ids = search_ids(client, "homozygous deletion of SMN1 exons 7 and 8")
    assert ids[:2] == ["SMN1", "ORPHA:83330"]


@pytest.fixture
def known_for_client(backend: str) -> Iterator[Client]:
    """TP53 (HGNC:11998) with Li-Fraumeni syndrome (germline; headline "Unknown", point
    prevalence "1-9 / 100 000" in the United Kingdom) and small cell lung cancer (somatic,
    "1-5 / 10 000"); DMD (the contract data's gene) with Duchenne muscular dystrophy
    ("1-9 / 100 000", DMD alone) and familial isolated dilated cardiomyopathy ("1-5 / 10 000"),
    which Orphanet ties to 53 genes (eight stand for them here)."""
    client = client_over_contract_phenotypes()
    tp53 = create_gene("TP53", "HGNC:11998", "tumor protein p53")
    others = [
        create_gene(f"DCMX{n}", f"HGNC:99990{n}", f"cardiomyopathy gene {n}") for n in range(8)
    ]
    li_fraumeni = _condition(
        "ORPHA:524",
        "Li-Fraumeni syndrome",
        "Unknown",
        [{"type": "Point prevalence", "class": "1-9 / 100 000", "label": "United Kingdom"}],
    )
    lung = _condition("ORPHA:70573", "Small cell lung cancer", "1-5 / 10 000")
    cardiomyopathy = _condition(
        "ORPHA:154", "Familial isolated dilated cardiomyopathy", "1-5 / 10 000"
    )
    link_gene(lung, tp53, "Disease-causing somatic mutation(s) in")
    _causes(tp53, [li_fraumeni])
    duchenne = ConditionGene.objects.get(gene__symbol="DMD", condition__primary_id="ORPHA:98896")
    duchenne.association = CAUSES
    duchenne.save()
    Condition.objects.filter(pk=duchenne.condition_id).update(prevalence="1-9 / 100 000")
    _causes(duchenne.gene, [cardiomyopathy])
    for gene in others:
        _causes(gene, [cardiomyopathy])
    conditions = [li_fraumeni, lung, cardiomyopathy]
    try:
        with indexed("condition", conditions), indexed("gene", [tp53, *others]):
            lexicon.invalidate()
            yield client
    finally:
        duchenne.association = ""
        duchenne.save()
        Condition.objects.filter(pk=duchenne.condition_id).update(prevalence="")
        index_objects("gene", [duchenne.gene_id])
        lexicon.invalidate()


def test_a_condition_born_with_comes_before_a_cancer_the_gene_mutates_in(
    known_for_client: Client,
) -> None:
    # Before: small cell lung cancer (commoner) right after TP53, Li-Fraumeni below it.
    ids = search_ids(known_for_client, "TP53")
    assert ids[:3] == ["TP53", "ORPHA:524", "ORPHA:70573"]


def test_a_condition_the_gene_alone_causes_comes_before_one_many_genes_share(
    known_for_client: Client,
) -> None:
    # Before: the cardiomyopathy nine genes share (commoner) before Duchenne.
    dmd = Gene.objects.get(symbol="DMD")
    assert gene_caused_conditions([dmd.pk])[dmd.pk] == ["ORPHA:98896", "ORPHA:154"]
