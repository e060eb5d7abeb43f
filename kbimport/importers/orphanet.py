"""Enrich conditions from Orphanet's ORPHApackets: names, synonyms, definitions, facts, genes,
phenotypes, the group -> type classification, and OMIM cross-references (an exact, one-to-one
mapping merges the OMIM twin).

An ORPHA code already stored (from the HPO annotations) is updated, never duplicated. Facts are
written after the batch's merges, so a rerun finds them as they are and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from identifiers.urls import identifier_url
from ingest.rows import WriteOutcome, update_rows, upsert_rows
from kbimport.importers.common import (
    ImportTally,
    batched,
    import_run,
    keep_records,
    progress_bar,
    unique_slug,
)
from kbimport.importers.crossref import ExactMapping, exact_omim_attach
from kbimport.importers.resolve import ConditionIndex, GeneIndex
from kbimport.sources.common import ProgressCallback
from kbimport.sources.hpo import frequency_fraction
from kbimport.sources.orphanet import (
    OrphaDisorderRecord,
    OrphaGene,
    OrphaPrevalence,
    iter_orphapackets,
)
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    Gene,
    InheritanceMode,
    OnsetCategory,
    Phenotype,
    SlugRedirect,
    SubtypeRelation,
)
from knowledge.prevalence import UNKNOWN_CLASSES

TASK = "import_orphapackets"
# Raised when the facts kept from the same records change, so the pack's Orphanet step of an
# installed site reruns on its next start (2: every prevalence statement, best known first;
# 3: a gene a packet lists twice keeps the type that says it causes the disorder).
FACTS_VERSION = 3
SOURCE = "Orphanet ORPHApackets"
GROUP_TYPES = frozenset({"Category", "Clinical group"})
INHERITANCE = {
    "Autosomal recessive": InheritanceMode.AUTOSOMAL_RECESSIVE,
    "Autosomal dominant": InheritanceMode.AUTOSOMAL_DOMINANT,
    "X-linked recessive": InheritanceMode.X_LINKED_RECESSIVE,
    "X-linked dominant": InheritanceMode.X_LINKED_DOMINANT,
    "Mitochondrial inheritance": InheritanceMode.MITOCHONDRIAL,
    "Multigenic/multifactorial": InheritanceMode.MULTIFACTORIAL,
    "Semi-dominant": InheritanceMode.SEMIDOMINANT,
    "Y-linked": InheritanceMode.Y_LINKED,
    "Not applicable": InheritanceMode.NOT_APPLICABLE,
    "Unknown": InheritanceMode.UNKNOWN,
}
ONSET = {
    "Antenatal": OnsetCategory.ANTENATAL, "Neonatal": OnsetCategory.NEONATAL,
    "Infancy": OnsetCategory.INFANCY, "Childhood": OnsetCategory.CHILDHOOD,
    "Adolescent": OnsetCategory.ADOLESCENT, "Adult": OnsetCategory.ADULT,
    "Elderly": OnsetCategory.ELDERLY, "All ages": OnsetCategory.ALL_AGES,
}  # fmt: skip
# Orphanet's frequency classes are HPO's frequency terms ("Very frequent (99-80%)").
FREQUENCY_TERMS = {
    "Obligate": "HP:0040280", "Very frequent": "HP:0040281", "Frequent": "HP:0040282",
    "Occasional": "HP:0040283", "Very rare": "HP:0040284", "Excluded": "HP:0040285",
}  # fmt: skip
_FACTS = ["name", "disorder_type", "is_group", "definition", "definition_source", "prevalence",
          "prevalence_source", "prevalence_statements", "inheritance", "onset", "facts_source",
          "retrieved_on"]  # fmt: skip


def _release(record: OrphaDisorderRecord) -> dt.date:
    try:
        return dt.date.fromisoformat((record.date or "")[:10])
    except ValueError:
        return timezone.localdate()


def _label(record: OrphaDisorderRecord) -> str:
    return f"{SOURCE} {(record.date or '')[:7]}".strip()


def exact_omim_codes(records: Iterable[object]) -> dict[str, int]:
    """OMIM numbers that exactly one disorder maps with an 'E' (exact) relation -> ORPHA code."""
    seen: dict[str, set[int]] = defaultdict(set)
    for record in records:
        if isinstance(record, OrphaDisorderRecord):
            for xref in record.xrefs:
                if xref.source == "OMIM" and (xref.relation or "").startswith("E"):
                    seen[xref.reference].add(record.orpha_code)
    return {omim: next(iter(codes)) for omim, codes in seen.items() if len(codes) == 1}


def import_orphapackets(*, path: Path, batch_size: int = 200) -> ImportTally:
    """Import every packet of a folder or tarball, in one transaction per batch."""
    path = Path(path)
    return orphanet_records_import(
        records=lambda bar: iter_orphapackets(path, bar), scope=path.name, batch_size=batch_size
    )


def orphanet_records_import(
    *,
    records: Callable[[ProgressCallback | None], Iterable[object]],
    scope: str,
    task: str = TASK,
    batch_size: int = 200,
    xrefs: Callable[[], Iterable[object]] | None = None,
) -> ImportTally:
    """Import disorder records (read twice: ``records`` opens a fresh pass), batch by batch.

    ``xrefs`` may give the first pass cheaper records holding only codes, names and
    cross-references (all it reads).
    """
    with import_run(task, scope) as tally:
        # A first pass: one-to-one needs every record.
        exact = exact_omim_codes(xrefs() if xrefs is not None else records(None))
        state = _State()
        with progress_bar("ORPHApackets") as bar:
            for batch in batched(records(bar), batch_size):
                records = keep_records(batch, OrphaDisorderRecord, tally)
                with transaction.atomic():
                    _write(records, exact, state, tally)
                tally.checkpoint()
        # After every packet: a group's types often come later in the file than the group.
        with transaction.atomic():
            _write_subtypes(state, tally)
        tally.checkpoint()
    return tally


class _State:
    def __init__(self) -> None:
        self.index = ConditionIndex()
        self.genes = GeneIndex()
        self.phenotypes = dict(Phenotype.objects.values_list("hpo_id", "pk"))
        self.slugs = set(Condition.objects.values_list("slug", flat=True))
        self.slugs |= set(SlugRedirect.objects.values_list("old_slug", flat=True))
        # (parent code, child code) -> the packet that said so, and its label and release.
        self.subtypes: dict[tuple[int, int], tuple[str, dt.date]] = {}


# Orphanet's prevalence types, best first. Point prevalence says how many people live with a
# disease; prevalence at birth says how many babies are born with it, as telling for a disease
# present from birth; lifetime prevalence is still a share of people. Annual incidence counts
# new cases a year, a rate and not a share of people, so it comes last. ("Cases/families" gives
# counts, never a class.)
PREVALENCE_TYPES = ("Point prevalence", "Prevalence at birth", "Lifetime Prevalence",
                    "Annual incidence")  # fmt: skip
# One community's figure (often a founder population: glutaryl-CoA dehydrogenase deficiency
# is ">1 / 1000" there, 1-9 / 100 000 births worldwide) says little about anyone else.
ONE_COMMUNITY = "Specific population"


def _prevalence_rank(item: OrphaPrevalence) -> tuple[int, bool, int, bool]:
    known = 2 if not item.prevalence_class else int(item.prevalence_class in UNKNOWN_CLASSES)
    kind = PREVALENCE_TYPES.index(item.type) if item.type in PREVALENCE_TYPES else 99
    return (known, item.geographic == ONE_COMMUNITY, kind, item.geographic != "Worldwide")


def _prevalence(items: tuple[OrphaPrevalence, ...]) -> tuple[str, str]:
    """Orphanet's headline statement, as the description ranking's prior reads it: point
    prevalence first, worldwide first, even when its class is "Unknown"."""
    ranked = sorted(
        (p for p in items if p.prevalence_class),
        key=lambda p: (p.type != "Point prevalence", p.geographic != "Worldwide"),
    )
    if not ranked:
        return "", ""
    return (ranked[0].prevalence_class or "")[:120], _statement_label(ranked[0])


def _statement_label(item: OrphaPrevalence) -> str:
    where = ", ".join(v for v in (item.type, item.geographic) if v)
    return f"Orphanet ({where})"[:120]


def _statements(items: tuple[OrphaPrevalence, ...]) -> list[dict[str, str]]:
    """Every statement with a class or a count, best known first: a known class before
    "Unknown", a whole region before one community, then by type (PREVALENCE_TYPES), then
    worldwide before a region (regions keep Orphanet's order). ``label`` names the statement
    as prevalence_source does; ``source`` is Orphanet's own reference (PMIDs, expert opinion)."""
    kept = (p for p in items if p.prevalence_class or p.mean_value)
    return [
        {"class": p.prevalence_class or "", "type": p.type or "", "geographic": p.geographic or "",
         "qualification": p.qualification or "", "mean_value": p.mean_value or "",
         "source": p.source or "", "label": _statement_label(p)}
        for p in sorted(kept, key=_prevalence_rank)
    ]  # fmt: skip


def _facts(record: OrphaDisorderRecord) -> dict[str, Any]:
    prevalence, prevalence_source = _prevalence(record.prevalence)
    code = f"ORPHA:{record.orpha_code}"
    return {
        "name": record.name[:300], "disorder_type": (record.disorder_type or "")[:80],
        "is_group": record.disorder_type in GROUP_TYPES, "definition": record.definition or "",
        "definition_source": code if record.definition else "",
        "prevalence": prevalence, "prevalence_source": prevalence_source,
        "prevalence_statements": _statements(record.prevalence),
        "inheritance": list(dict.fromkeys(INHERITANCE[i] for i in record.inheritance
                                          if i in INHERITANCE)),
        "onset": list(dict.fromkeys(ONSET[o] for o in record.age_of_onset if o in ONSET)),
        "facts_source": f"{_label(record)} ({code})"[:200], "retrieved_on": _release(record),
    }  # fmt: skip


def _write(
    records: list[OrphaDisorderRecord], exact: dict[str, int], state: _State, tally: ImportTally
) -> None:
    index = state.index
    new = [r for r in records if index.find(f"ORPHA:{r.orpha_code}") is None]
    now = timezone.now()
    rows = [
        {**_facts(r), "primary_id": f"ORPHA:{r.orpha_code}", "family_summary": "",
         "slug": unique_slug(r.name, f"ORPHA:{r.orpha_code}", state.slugs), "created_at": now}
        for r in new
    ]  # fmt: skip
    tally.add("Condition", upsert_rows(
        Condition, rows, conflict=["primary_id"], touch=["updated_at"]
    ))  # fmt: skip
    for primary_id, pk in Condition.objects.filter(
        primary_id__in=[row["primary_id"] for row in rows]
    ).values_list("primary_id", "pk"):
        index.add(primary_id, pk, primary=True)
    tally.add("ConditionIdentifier", upsert_rows(ConditionIdentifier, [
        {"condition_id": index.find(f"ORPHA:{r.orpha_code}"), "scheme": "ORPHA",
         "value": str(r.orpha_code), "mapping": "", "source": _label(r),
         "source_id": f"ORPHA:{r.orpha_code}",
         "source_url": identifier_url("ORPHA", str(r.orpha_code)), "retrieved_on": _release(r)}
        for r in new
    ], conflict=["scheme", "value"]))  # fmt: skip
    mappings = [
        ExactMapping(x.reference, index.find(f"ORPHA:{r.orpha_code}"), x.relation or "E",
                     _label(r), f"ORPHA:{r.orpha_code}", _release(r))
        for r in records for x in r.xrefs
        if x.source == "OMIM" and exact.get(x.reference) == r.orpha_code
    ]  # fmt: skip
    exact_omim_attach(mappings, index, tally)
    facts = [{"id": index.find(f"ORPHA:{r.orpha_code}"), **_facts(r)} for r in records]
    outcome = update_rows(Condition, facts, key="id", fields=_FACTS, touch=["updated_at"])
    # New rows were counted as created above; only merges can change them again here.
    tally.add("Condition", WriteOutcome(0, outcome.updated, max(0, outcome.unchanged - len(new))))
    _write_synonyms(records, index, tally)
    _write_genes(records, state, tally)
    _write_phenotypes(records, state, tally)
    for r in records:
        state.subtypes.update(
            {(r.orpha_code, child): (_label(r), _release(r)) for child in r.children}
        )


def _write_subtypes(state: _State, tally: ImportTally) -> None:
    """Orphanet's group -> type links, where both ends are stored conditions."""
    rows = []
    for (parent, child), (label, release) in state.subtypes.items():
        parent_id = state.index.find(f"ORPHA:{parent}")
        child_id = state.index.find(f"ORPHA:{child}")
        if parent_id is None or child_id is None or parent_id == child_id:
            tally.skip("subtype or group not among the stored conditions")
            continue
        rows.append({
            "parent_id": parent_id, "child_id": child_id,
            "relation": SubtypeRelation.CLASSIFICATION.value, "source": label,
            "source_id": f"ORPHA:{parent}", "source_url": identifier_url("ORPHA", str(parent)),
            "retrieved_on": release,
        })  # fmt: skip
    tally.add("ConditionSubtype", upsert_rows(
        ConditionSubtype, rows, conflict=["parent_id", "child_id"],
        update=["source", "source_id", "source_url", "retrieved_on"],
        owned_by=("source", SOURCE),
    ))  # fmt: skip


def _write_synonyms(
    records: list[OrphaDisorderRecord], index: ConditionIndex, tally: ImportTally
) -> None:
    rows = [
        {"condition_id": index.find(f"ORPHA:{r.orpha_code}"), "text": text[:300],
         "kind": "synonym", "source": _label(r), "source_id": f"ORPHA:{r.orpha_code}",
         "source_url": identifier_url("ORPHA", str(r.orpha_code)), "retrieved_on": _release(r)}
        for r in records for text in r.synonyms if text.casefold() != r.name.casefold()
    ]  # fmt: skip
    tally.add("ConditionSynonym", upsert_rows(
        ConditionSynonym, rows, conflict=["condition_id", "text"],
        update=["kind", "source", "source_id", "source_url", "retrieved_on"],
        owned_by=("source", SOURCE),
    ))  # fmt: skip


def _write_genes(records: list[OrphaDisorderRecord], state: _State, tally: ImportTally) -> None:
    genes, new = state.genes, {}
    for record in records:
        for gene in record.genes:
            known = genes.find(hgnc_id=gene.hgnc_id, symbol=gene.symbol)
            if known is None and gene.symbol and gene.symbol not in new:
                new[gene.symbol] = {
                    "symbol": gene.symbol[:40], "hgnc_id": gene.hgnc_id, "name": gene.name or "",
                    "ncbi_gene_id": None, "aliases": [], "previous_symbols": [],
                    "other_names": [], "omim_id": "",
                    "ensembl_id": "", "location": "", "locus_group": "", "source": _label(record),
                    "source_id": gene.hgnc_id or gene.symbol, "source_url": "",
                    "retrieved_on": _release(record),
                }  # fmt: skip
    tally.add("Gene", upsert_rows(Gene, list(new.values()), conflict=["symbol"],
                                  touch=["updated_at"]))  # fmt: skip
    for pk, symbol, hgnc in Gene.objects.filter(symbol__in=list(new)).values_list(
        "pk", "symbol", "hgnc_id"
    ):
        genes.remember(pk, symbol=symbol, hgnc_id=hgnc, ncbi_gene_id=None)
    rows = []
    for record in records:
        for gene in _strongest_links(record.genes):
            pk = genes.find(hgnc_id=gene.hgnc_id, symbol=gene.symbol)
            if pk is None:
                tally.skip("gene without a symbol")
                continue
            rows.append({
                "condition_id": state.index.find(f"ORPHA:{record.orpha_code}"), "gene_id": pk,
                "association": (gene.association_type or "")[:120], "source": _label(record),
                "source_id": f"ORPHA:{record.orpha_code}",
                "source_url": identifier_url("ORPHA", str(record.orpha_code)),
                "retrieved_on": _release(record),
            })  # fmt: skip
    tally.add("ConditionGene", upsert_rows(
        ConditionGene, rows, conflict=["condition_id", "gene_id"],
        update=["association", "source", "source_id", "source_url", "retrieved_on"],
    ))  # fmt: skip


def _strongest_links(genes: Iterable[OrphaGene]) -> list[OrphaGene]:
    """One link per gene: the type that says it causes the disorder when a packet lists the
    gene twice (31 packets of 2025-12: TCF4 "Disease-causing germline mutation(s) (loss of
    function) in" and "Role in the phenotype of" Pitt-Hopkins syndrome), germline before
    somatic, else the last listed, as before. The table keeps one type per link, and the last
    row of a repeated key won: Pitt-Hopkins syndrome was not among the conditions TCF4 causes."""
    kept: dict[tuple[str | None, str | None], OrphaGene] = {}
    for gene in genes:
        key = (gene.hgnc_id, gene.symbol)
        if key not in kept or _link_rank(gene) <= _link_rank(kept[key]):
            kept[key] = gene
    return list(kept.values())


def _link_rank(gene: OrphaGene) -> int:
    kind = (gene.association_type or "").lower()
    if not kind.startswith("disease-causing"):
        return 2
    return 1 if "somatic" in kind else 0


def _write_phenotypes(
    records: list[OrphaDisorderRecord], state: _State, tally: ImportTally
) -> None:
    rows = []
    for record in records:
        for item in record.phenotypes:
            pk = state.phenotypes.get(item.hpo_id)
            if pk is None:
                tally.skip("phenotype term not in the stored HPO release")
                continue
            label = item.frequency or ""
            term = next((t for word, t in FREQUENCY_TERMS.items()
                         if label.startswith(word + " ")), None)  # fmt: skip
            rows.append({
                "condition_id": state.index.find(f"ORPHA:{record.orpha_code}"),
                "phenotype_id": pk, "frequency": frequency_fraction(term) if term else None,
                "frequency_label": label[:60], "source": _label(record),
                "source_id": f"ORPHA:{record.orpha_code}",
                "source_url": identifier_url("ORPHA", str(record.orpha_code)),
                "retrieved_on": _release(record),
            })  # fmt: skip
    tally.add("ConditionPhenotype", upsert_rows(
        ConditionPhenotype, rows, conflict=["condition_id", "phenotype_id"],
        update=["frequency", "frequency_label", "source", "source_id", "source_url",
                "retrieved_on"],
        owned_by=("source", SOURCE),
    ))  # fmt: skip
