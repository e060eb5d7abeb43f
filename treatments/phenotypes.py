"""Rank conditions by phenotype similarity (Resnik best-match average over the HPO DAG).

Everything comes from the database: `Phenotype.parents` gives the DAG, `ConditionPhenotype` the
annotations. The index is built once per data version, shared between processes through the
cache (Redis) and kept in memory, so a query costs a few numpy operations, not a graph walk.
"""

from __future__ import annotations

import logging
import math
import pickle
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max

from knowledge.models import ConditionPhenotype, Phenotype

logger = logging.getLogger(__name__)

CACHE_KEY = "treatments:phenotype-index:v1:{version}"
CACHE_SECONDS = 24 * 3600
VERSION_CHECK_SECONDS = 60.0  # how stale the in-process index may be before re-checking
MIN_MATCH_IC = 0.5  # a shared ancestor this unspecific (e.g. the root) is not called a match


@dataclass(frozen=True)
class PhenotypeMatch:
    """How one query phenotype matched a condition."""

    query_hpo_id: str
    query_name: str
    kind: str  # "exact", "more_specific" (the condition has a child term) or "ancestor"
    via_hpo_id: str
    via_name: str
    condition_term_hpo_id: str
    condition_term_name: str
    information_content: float


@dataclass(frozen=True)
class ConditionScore:
    """A condition ranked by similarity to the query phenotypes, with what matched."""

    condition_id: int
    score: float
    matches: tuple[PhenotypeMatch, ...]


@dataclass
class PhenotypeIndex:
    """Arrays for fast similarity: terms, ancestor closures, IC and the condition annotations."""

    version: str
    term_ids: np.ndarray  # phenotype pk per term index
    hpo_ids: list[str]
    names: list[str]
    ic: np.ndarray  # information content per term index
    ancestors: list[np.ndarray]  # term index -> indices of itself and all its ancestors
    descendants: list[np.ndarray]  # term index -> indices of itself and all its descendants
    condition_ids: np.ndarray  # condition pk per condition index
    annot_ptr: np.ndarray  # CSR: annotations of condition i are annot_terms[ptr[i]:ptr[i+1]]
    annot_terms: np.ndarray
    term_conditions: list[np.ndarray]  # term -> conditions whose annotation closure contains it
    position: dict[int, int]  # phenotype pk -> term index


def _data_version() -> str:
    """A cheap fingerprint of the annotations and the DAG; a change invalidates the index."""
    annotations = ConditionPhenotype.objects.aggregate(n=Count("id"), top=Max("id"))
    terms = Phenotype.objects.aggregate(n=Count("id"), top=Max("id"))
    through = Phenotype.parents.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), coalesce(max(id), 0) FROM {through}")  # noqa: S608
        edges = cursor.fetchone()
    return (
        f"{annotations['n']}-{annotations['top']}-{terms['n']}-{terms['top']}-{edges[0]}-{edges[1]}"
    )


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


def phenotype_index_build() -> PhenotypeIndex:
    """Build the similarity index from the database (about a second for the full HPO)."""
    version = _data_version()
    rows = list(Phenotype.objects.order_by("id").values_list("id", "hpo_id", "name"))
    position = {pk: i for i, (pk, _, _) in enumerate(rows)}
    parents: list[list[int]] = [[] for _ in rows]
    edges = Phenotype.parents.through.objects.values_list("from_phenotype_id", "to_phenotype_id")
    for child, parent in edges.iterator(chunk_size=20000):
        parents[position[child]].append(position[parent])
    ancestors = _closures(parents)
    annotations = ConditionPhenotype.objects.order_by("condition_id").values_list(
        "condition_id", "phenotype_id"
    )
    per_condition: dict[int, list[int]] = {}
    for condition_id, phenotype_id in annotations.iterator(chunk_size=20000):
        per_condition.setdefault(condition_id, []).append(position[phenotype_id])
    condition_ids = np.fromiter(per_condition, dtype=np.int64, count=len(per_condition))
    terms_lists = [np.unique(np.asarray(t, dtype=np.int32)) for t in per_condition.values()]
    ptr = np.zeros(len(terms_lists) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(t) for t in terms_lists])
    annot_terms = np.concatenate(terms_lists) if terms_lists else np.zeros(0, dtype=np.int32)
    # The closure of a condition: every term it is annotated with, and all their ancestors.
    closures = [
        np.unique(np.concatenate([ancestors[t] for t in terms.tolist()])) for terms in terms_lists
    ]
    term_conditions = _invert(closures, len(rows))
    total = max(len(terms_lists), 1)
    counts = np.array([len(c) for c in term_conditions], dtype=np.float64)
    # IC = -log(share of annotated conditions carrying the term or a descendant of it).
    ic = np.where(counts > 0, -np.log(np.maximum(counts, 1) / total), math.log(total))
    return PhenotypeIndex(
        version=version,
        term_ids=np.array([pk for pk, _, _ in rows], dtype=np.int64),
        hpo_ids=[hpo for _, hpo, _ in rows],
        names=[name for _, _, name in rows],
        ic=ic,
        ancestors=ancestors,
        descendants=_invert(ancestors, len(rows)),
        condition_ids=condition_ids,
        annot_ptr=ptr,
        annot_terms=annot_terms,
        term_conditions=term_conditions,
        position=position,
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
    """Forget the in-process index (tests and imports call this after changing annotations)."""
    _memory["index"] = None
    _memory["checked"] = 0.0


def _query_terms(index: PhenotypeIndex, phenotype_ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(index.position[pk] for pk in phenotype_ids if pk in index.position))


def _scores(index: PhenotypeIndex, query: list[int]) -> np.ndarray:
    """Symmetric Resnik best-match average of the query against every annotated condition."""
    n_conditions = len(index.condition_ids)
    n_terms = len(index.ic)
    query_side = np.zeros(n_conditions)
    best_for_term = np.zeros(n_terms)  # max over query terms of IC(MICA(query, term))
    for q in query:
        ancestors = index.ancestors[q]
        order = ancestors[np.argsort(index.ic[ancestors])]  # ascending IC: the last write wins
        per_condition = np.zeros(n_conditions)
        per_term = np.zeros(n_terms)
        for anc in order.tolist():
            per_condition[index.term_conditions[anc]] = index.ic[anc]
            per_term[index.descendants[anc]] = index.ic[anc]
        query_side += per_condition
        np.maximum(best_for_term, per_term, out=best_for_term)
    query_side /= len(query)
    sums = np.add.reduceat(best_for_term[index.annot_terms], index.annot_ptr[:-1])
    condition_side = sums / np.diff(index.annot_ptr)
    return 0.5 * (query_side + condition_side)


def _explain(index: PhenotypeIndex, query: list[int], cond: int) -> tuple[PhenotypeMatch, ...]:
    terms = index.annot_terms[index.annot_ptr[cond] : index.annot_ptr[cond + 1]].tolist()
    term_set = set(terms)
    matches = []
    for q in query:
        q_anc = set(index.ancestors[q].tolist())
        best: tuple[float, int, int] | None = None  # (ic, mica, condition term)
        for t in terms:
            common = q_anc.intersection(index.ancestors[t].tolist())
            mica = max(common, key=lambda c: index.ic[c], default=None)
            if mica is None:
                continue
            candidate = (float(index.ic[mica]), mica, t)
            if best is None or candidate[0] > best[0] or (candidate[0] == best[0] and t == q):
                best = candidate
        if best is None or best[0] < MIN_MATCH_IC:
            continue
        ic, mica, term = best
        if q in term_set:
            kind, term = "exact", q
        elif mica == q:
            kind = "more_specific"
        else:
            kind = "ancestor"
        matches.append(
            PhenotypeMatch(
                query_hpo_id=index.hpo_ids[q],
                query_name=index.names[q],
                kind=kind,
                via_hpo_id=index.hpo_ids[mica],
                via_name=index.names[mica],
                condition_term_hpo_id=index.hpo_ids[term],
                condition_term_name=index.names[term],
                information_content=round(ic, 3),
            )
        )
    return tuple(matches)


def conditions_rank_by_phenotypes(
    *, phenotype_ids: Sequence[int], limit: int = 20, index: PhenotypeIndex | None = None
) -> list[ConditionScore]:
    """Rank every annotated condition by similarity to the phenotypes, best first."""
    index = index or phenotype_index_get()
    query = _query_terms(index, phenotype_ids)
    if not query or len(index.condition_ids) == 0:
        return []
    scores = _scores(index, query)
    top = min(limit, len(scores))
    best = np.argpartition(-scores, top - 1)[:top]
    # Ties broken by condition pk so the order is stable between runs.
    ordered = sorted(best.tolist(), key=lambda i: (-scores[i], int(index.condition_ids[i])))
    return [
        ConditionScore(
            condition_id=int(index.condition_ids[i]),
            score=round(float(scores[i]), 4),
            matches=_explain(index, query, i),
        )
        for i in ordered
        if scores[i] > 0
    ]
