"""HPO terms, their synonyms and parents; the onset category each term falls under."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from ingest.rows import upsert_rows
from kbimport.importers.common import ImportTally, batched, keep_records, progress_bar
from kbimport.importers.hpo.files import HPO_URL, HpoFiles
from kbimport.sources.hpo import HPO_FREQUENCY_RANGES, HpoTermRecord, iter_hpo_terms
from knowledge.models import OnsetCategory, Phenotype, PhenotypeSynonym

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


@dataclass
class Ontology:
    """What the disease import needs of the terms: pks, the tree, frequency names, onsets."""

    pks: dict[str, int] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    frequency_names: dict[str, str] = field(default_factory=dict)
    onset: dict[str, str] = field(default_factory=dict)


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


def import_terms(files: HpoFiles, tally: ImportTally) -> Ontology:
    """Upsert the terms, synonyms and parent links; return what the disease import needs."""
    onto = Ontology()
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


def _import_parents(edges: list[tuple[str, str]], onto: Ontology, tally: ImportTally) -> None:
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
