"""The in-memory phenotype index: HPO DAG closures, IC and every condition's annotations.

Everything comes from the database: `Phenotype.parents` gives the DAG, `ConditionPhenotype` the
annotations and their frequencies, `Condition` the onset and inheritance, `ConditionGene` the
genes. The index is built once per data version, shared between processes through the cache
(Redis) and kept in memory, so a query costs a few numpy operations, not a graph walk.
"""

from __future__ import annotations

import logging
import math
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max, Q

from ingest.models import RefreshRun
from knowledge.models import Condition, ConditionGene, ConditionPhenotype, Gene, Phenotype
from knowledge.row_counts import rows_stamp

logger = logging.getLogger(__name__)

# v4: an annotation at 0 % ("Excluded (0%)", "0/4") is no longer read as the sign present.
CACHE_KEY = "treatments:phenotype-index:v4:{version}"
CACHE_SECONDS = 24 * 3600
VERSION_CHECK_SECONDS = 60.0  # how stale the in-process index may be before re-checking
UNKNOWN = -1.0  # an annotation without a frequency
BACKGROUND_UNKNOWN = 0.8  # share of patients assumed for the background when none is given


@dataclass
class PhenotypeIndex:
    """Arrays for fast ranking: terms, ancestor closures, IC and the condition annotations."""

    version: str
    term_ids: np.ndarray  # phenotype pk per term index
    hpo_ids: list[str]
    names: list[str]
    ic: np.ndarray  # information content per term index
    # -log(background probability): the term's frequency (or a narrower term's) averaged over
    # every annotated condition, the denominator of LIRICAL's likelihood ratio.
    background_ic: np.ndarray
    ancestors: list[np.ndarray]  # term index -> indices of itself and all its ancestors
    descendants: list[np.ndarray]  # term index -> indices of itself and all its descendants
    condition_ids: np.ndarray  # condition pk per condition index
    annot_ptr: np.ndarray  # CSR: annotations of condition i are annot_terms[ptr[i]:ptr[i+1]]
    annot_terms: np.ndarray
    annot_freq: np.ndarray  # share of patients (0-1) per annotation, UNKNOWN when not given
    term_conditions: list[np.ndarray]  # term -> conditions whose annotation closure contains it
    term_freq: list[np.ndarray]  # the same, the highest frequency of the term or a descendant
    position: dict[int, int]  # phenotype pk -> term index
    onset: list[tuple[str, ...]]  # per condition index, OnsetCategory values
    inheritance: list[tuple[str, ...]]  # per condition index, InheritanceMode values
    gene_conditions: dict[str, np.ndarray]  # upper-case gene symbol -> condition indices

    @cached_property
    def hpo_position(self) -> dict[str, int]:
        """HPO id -> term index, built on first use and kept with this index version."""
        return {hpo_id: i for i, hpo_id in enumerate(self.hpo_ids)}


def _data_version() -> str:
    """A cheap fingerprint of the annotations, the DAG and the genes; a change rebuilds the index."""
    # Conditions are edited in place (onset, inheritance): their newest change time, not their
    # highest id, says the rows changed; to the microsecond, as stored, so a second edit within
    # the same second as an index build is not served that index.
    conditions = Condition.objects.aggregate(n=Count("id"), top=Max("updated_at"))
    stamp = conditions["top"].isoformat() if conditions["top"] else "none"
    rows = rows_stamp(Phenotype, Phenotype.parents.through, ConditionGene)
    return f"{_edited_stamp()}-{rows}-{conditions['n']}-{stamp}-{_imports_stamp()}"


def _edited_stamp() -> str:
    """The annotations' count, highest id and newest save, and the terms' and genes' newest
    save: a row saved in place outside an import (a script, the shell, a data migration, a sign
    renamed in the admin) keeps counts and ids, and no import run records it."""
    annotations = ConditionPhenotype.objects.aggregate(
        n=Count("id"), top=Max("id"), edited=Max("updated_at")
    )
    terms = Phenotype.objects.aggregate(edited=Max("updated_at"))["edited"]
    genes = Gene.objects.aggregate(edited=Max("updated_at"))["edited"]
    edited = [t.isoformat() if t else "none" for t in (annotations["edited"], terms, genes)]
    return "-".join([str(annotations["n"]), str(annotations["top"]), *edited])


def _imports_stamp() -> str:
    """When an import last changed rows: a rerun updates annotations, terms and genes in place
    (counts, highest ids and the conditions' change times stay), which only its run records."""
    loads = Q(task__startswith="import_") | Q(task__startswith="pack_")  # file imports, the pack
    newest = RefreshRun.objects.filter(loads, finished_at__isnull=False, updated__gt=0).aggregate(
        top=Max("finished_at")
    )["top"]
    return newest.isoformat() if newest else "none"


def _closures(parents: list[list[int]]) -> list[np.ndarray]:
    """Ancestor sets (each including the term) by memoised depth-first walks."""
    closure: list[frozenset[int] | None] = [None] * len(parents)

    def visit(start: int) -> frozenset[int]:
        stack = [start]
        while stack:
            node = stack[-1]
            pending = [p for p in parents[node] if closure[p] is None]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            if closure[node] is None:
                merged = {node}
                for p in parents[node]:
                    merged |= closure[p]  # type: ignore[operator]
                closure[node] = frozenset(merged)
        return closure[start]  # type: ignore[return-value]

    return [np.fromiter(visit(i), dtype=np.int32) for i in range(len(parents))]


def _invert(lists: Sequence[np.ndarray], size: int) -> list[np.ndarray]:
    buckets: list[list[int]] = [[] for _ in range(size)]
    for owner, members in enumerate(lists):
        for member in members.tolist():
            buckets[member].append(owner)
    return [np.asarray(bucket, dtype=np.int32) for bucket in buckets]


def _annotations(position: dict[int, int]) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Condition pks and, per condition, its unique annotated terms and their frequencies.

    An annotation at 0 % is the source saying the sign is absent (Orphanet's "Excluded (0%)",
    OMIM's "0/4": none of four patients had it): it is left out, so a condition does not match,
    cover or name a sign it is known not to have (2,658 such rows in the default install)."""
    rows = (
        ConditionPhenotype.objects.exclude(frequency__lte=0)
        .order_by("condition_id")
        .values_list("condition_id", "phenotype_id", "frequency")
    )
    per_condition: dict[int, dict[int, float]] = {}
    for condition_id, phenotype_id, frequency in rows.iterator(chunk_size=20000):
        terms = per_condition.setdefault(condition_id, {})
        value = UNKNOWN if frequency is None else min(max(float(frequency), 0.0), 1.0)
        term = position[phenotype_id]
        terms[term] = max(terms.get(term, UNKNOWN), value)
    condition_ids = np.fromiter(per_condition, dtype=np.int64, count=len(per_condition))
    ordered = [sorted(t.items()) for t in per_condition.values()]
    terms = [np.asarray([k for k, _ in items], dtype=np.int32) for items in ordered]
    freqs = [np.asarray([v for _, v in items], dtype=np.float32) for items in ordered]
    return condition_ids, terms, freqs


def _closure_frequencies(
    ancestors: list[np.ndarray], terms: list[np.ndarray], freqs: list[np.ndarray], n_terms: int
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per term: the conditions whose closure holds it, with the best frequency found below it."""
    all_terms, all_conds, all_freqs = [], [], []
    for cond, (cond_terms, cond_freqs) in enumerate(zip(terms, freqs, strict=True)):
        closure = [ancestors[t] for t in cond_terms.tolist()]
        anc = np.concatenate(closure)
        fr = np.repeat(cond_freqs, [len(c) for c in closure])
        order = np.lexsort((-fr, anc))  # by term, best frequency first
        anc, fr = anc[order], fr[order]
        first = np.ones(len(anc), dtype=bool)
        first[1:] = anc[1:] != anc[:-1]
        all_terms.append(anc[first])
        all_freqs.append(fr[first])
        all_conds.append(np.full(int(first.sum()), cond, dtype=np.int32))
    if not all_terms:
        empty = [np.zeros(0, dtype=np.int32) for _ in range(n_terms)]
        return empty, [np.zeros(0, dtype=np.float32) for _ in range(n_terms)]
    flat_terms = np.concatenate(all_terms)
    order = np.argsort(flat_terms, kind="stable")
    bounds = np.searchsorted(flat_terms[order], np.arange(n_terms + 1))
    conds = np.concatenate(all_conds)[order]
    fr = np.concatenate(all_freqs)[order]
    pairs = zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
    split = [(conds[a:b], fr[a:b]) for a, b in pairs]
    return [c for c, _ in split], [f for _, f in split]


def _condition_facts(
    condition_ids: np.ndarray,
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], dict[str, np.ndarray]]:
    slot = {int(pk): i for i, pk in enumerate(condition_ids.tolist())}
    onset: list[tuple[str, ...]] = [()] * len(slot)
    inheritance: list[tuple[str, ...]] = [()] * len(slot)
    facts = Condition.objects.filter(phenotypes__isnull=False).distinct()
    for pk, on, inh in facts.values_list("id", "onset", "inheritance").iterator(chunk_size=5000):
        if pk in slot:
            onset[slot[pk]] = tuple(on or ())
            inheritance[slot[pk]] = tuple(inh or ())
    genes: dict[str, list[int]] = {}
    links = ConditionGene.objects.values_list("gene__symbol", "condition_id")
    for symbol, pk in links.iterator(chunk_size=20000):
        if pk in slot:
            genes.setdefault(symbol.upper(), []).append(slot[pk])
    gene_conditions = {k: np.unique(np.asarray(v, dtype=np.int32)) for k, v in genes.items()}
    return onset, inheritance, gene_conditions


def phenotype_index_build() -> PhenotypeIndex:
    """Build the ranking index from the database (a few seconds for the full HPO)."""
    version = _data_version()
    rows = list(Phenotype.objects.order_by("id").values_list("id", "hpo_id", "name"))
    position = {pk: i for i, (pk, _, _) in enumerate(rows)}
    parents: list[list[int]] = [[] for _ in rows]
    edges = Phenotype.parents.through.objects.values_list("from_phenotype_id", "to_phenotype_id")
    for child, parent in edges.iterator(chunk_size=20000):
        parents[position[child]].append(position[parent])
    ancestors = _closures(parents)
    condition_ids, terms, freqs = _annotations(position)
    term_conditions, term_freq = _closure_frequencies(ancestors, terms, freqs, len(rows))
    ptr = np.zeros(len(terms) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(t) for t in terms])
    total = max(len(terms), 1)
    counts = np.array([len(c) for c in term_conditions], dtype=np.float64)
    # IC = -log(share of annotated conditions carrying the term or a descendant of it).
    ic = np.where(counts > 0, -np.log(np.maximum(counts, 1) / total), math.log(total))
    onset, inheritance, gene_conditions = _condition_facts(condition_ids)
    mass = np.array(
        [np.where(f == UNKNOWN, BACKGROUND_UNKNOWN, f).sum() for f in term_freq], dtype=np.float64
    )
    background_ic = np.where(mass > 0, -np.log(np.maximum(mass, 1e-9) / total), math.log(total))
    return PhenotypeIndex(
        version=version,
        term_ids=np.array([pk for pk, _, _ in rows], dtype=np.int64),
        hpo_ids=[hpo for _, hpo, _ in rows],
        names=[name for _, _, name in rows],
        ic=ic,
        background_ic=background_ic,
        ancestors=ancestors,
        descendants=_invert(ancestors, len(rows)),
        condition_ids=condition_ids,
        annot_ptr=ptr,
        annot_terms=np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32),
        annot_freq=np.concatenate(freqs) if freqs else np.zeros(0, dtype=np.float32),
        term_conditions=term_conditions,
        term_freq=term_freq,
        position=position,
        onset=onset,
        inheritance=inheritance,
        gene_conditions=gene_conditions,
    )


_memory: dict[str, object] = {"index": None, "checked": 0.0}


def phenotype_index_get() -> PhenotypeIndex:
    """The current index: from memory, else from the cache, else built and cached."""
    index: PhenotypeIndex | None = _memory["index"]  # type: ignore[assignment]
    now = time.monotonic()
    if index is not None and now - float(_memory["checked"]) < VERSION_CHECK_SECONDS:  # type: ignore[arg-type]
        return index
    version = _data_version()
    _memory["checked"] = now
    if index is not None and index.version == version:
        return index
    key = CACHE_KEY.format(version=version)
    blob = cache.get(key)
    if blob is not None:
        index = pickle.loads(blob)  # noqa: S301 - written by this module into our own Redis
    else:
        started = time.perf_counter()
        index = phenotype_index_build()
        cache.set(key, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL), CACHE_SECONDS)
        logger.info("phenotype index built in %.2f s", time.perf_counter() - started)
    _memory["index"] = index
    return index


def phenotype_index_clear() -> None:
    """Forget the in-process index (tests call this after changing annotations; an import moves
    the version by its run record)."""
    _memory["index"] = None
    _memory["checked"] = 0.0
