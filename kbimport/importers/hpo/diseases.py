"""HPO-annotated diseases: a Condition each, its identifier and its phenotypes.

A disease id that a later merge attached to another condition (an OMIM entry Orphanet maps
exactly) feeds that condition instead of coming back as a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from identifiers.urls import identifier_url
from ingest.rows import upsert_rows
from kbimport.importers.common import (
    ImportTally,
    batched,
    keep_records,
    progress_bar,
    unique_slug,
)
from kbimport.importers.hpo.files import ANNOTATION_SOURCE, HPO_URL, HpoFiles
from kbimport.importers.hpo.terms import Ontology
from kbimport.importers.resolve import ConditionIndex, split_curie
from kbimport.sources.hpo import DiseaseRecord, hpoa_disease_names, iter_diseases
from knowledge.models import (
    Condition,
    ConditionIdentifier,
    ConditionPhenotype,
    InheritanceMode,
    SlugRedirect,
)

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


def _orpha_slugs(files: HpoFiles) -> set[str]:
    """Slugs of Orphanet disease names: they get the plain slug, OMIM twins get a suffix."""
    # Orphanet conditions survive merges, so their URL should be the clean one.
    return {slugify(name) for name in set(hpoa_disease_names(files.hpoa, "ORPHA:"))}


def _unique(values: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _condition_row(
    record: DiseaseRecord, files: HpoFiles, onto: Ontology, slug: str
) -> dict[str, Any]:
    now = timezone.now()
    return {
        "primary_id": record.database_id, "name": record.name[:300], "slug": slug,
        "disorder_type": "", "is_group": False, "definition": "", "definition_source": "",
        "family_summary": "", "prevalence": "", "prevalence_source": "",
        "prevalence_statements": [],
        "inheritance": _unique(INHERITANCE_TERMS[h] for h in record.inheritance
                               if h in INHERITANCE_TERMS),
        "onset": _unique(onto.onset[h] for h in record.onset if h in onto.onset),
        "facts_source": f"{ANNOTATION_SOURCE} {files.version}",
        "retrieved_on": files.release, "created_at": now,
    }  # fmt: skip


def _phenotype_rows(
    record: DiseaseRecord, condition_pk: int, files: HpoFiles, onto: Ontology, tally: ImportTally
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


def import_diseases(
    files: HpoFiles,
    tally: ImportTally,
    onto: Ontology,
    index: ConditionIndex,
    batch_size: int,
    limit: int | None,
) -> None:
    """Upsert a Condition per annotated disease (unless merged away), its id and phenotypes."""
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
    onto: Ontology,
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
    # A patient count ("3/7", "40%") is more specific than a band ("Frequent", Orphanet's
    # "Frequent (79-30%)"): a merged twin's count replaces a band or a missing frequency on the
    # same sign, and a band never overwrites a twin's count, so reruns change nothing.
    counts = _stored_counts([*owned_rows, *merged_rows])
    owned_rows = [r for r in owned_rows if _is_count(r) or not _blocked(r, counts)]
    tally.add("ConditionPhenotype", upsert_rows(
        ConditionPhenotype, owned_rows, conflict=["condition_id", "phenotype_id"], update=update,
        owned_by=("source", ANNOTATION_SOURCE),
    ))  # fmt: skip
    # Otherwise rows of a disease merged into another condition only fill gaps.
    counted = [r for r in merged_rows if _is_count(r) and not _blocked(r, counts)]
    tally.add("ConditionPhenotype", upsert_rows(
        ConditionPhenotype, counted, conflict=["condition_id", "phenotype_id"], update=update
    ))  # fmt: skip
    tally.add("ConditionPhenotype", upsert_rows(
        ConditionPhenotype, merged_rows, conflict=["condition_id", "phenotype_id"]
    ))  # fmt: skip


def _key(row: dict[str, Any]) -> tuple[int, int]:
    return row["condition_id"], row["phenotype_id"]


def _is_count(row: dict[str, Any]) -> bool:
    """A frequency observed in counted patients ("3/7", "40%"), not a band such as "Frequent"."""
    label = row["frequency_label"]
    return row["frequency"] is not None and ("/" in label or label.endswith("%"))


def _stored_counts(rows: list[dict[str, Any]]) -> dict[tuple[int, int], str]:
    """The source disease of each stored row under these keys that holds a patient count."""
    keys = {_key(r) for r in rows}
    stored = ConditionPhenotype.objects.filter(
        condition_id__in={c for c, _ in keys}, phenotype_id__in={p for _, p in keys}
    ).values_list("condition_id", "phenotype_id", "frequency", "frequency_label", "source_id")
    return {
        (c, p): source_id
        for c, p, frequency, label, source_id in stored
        if (c, p) in keys and _is_count({"frequency": frequency, "frequency_label": label})
    }


def _blocked(row: dict[str, Any], counts: dict[tuple[int, int], str]) -> bool:
    """True when another disease's count already sits on this row's sign (it stays)."""
    source = counts.get(_key(row))
    return source is not None and source != row["source_id"]
