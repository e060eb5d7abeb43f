"""Flat reads of the rows a condition or gene document shows, for a whole batch at once.

Django's prefetching built a queryset per object and relation and a model instance per row
(740k of them in a full rebuild: about 45 of its 75 s of document building). These read the
same rows with the same filters, as tuples, in the links' stored order (pk). Prefetching had no ORDER BY, so
the order of a document's phenotype and condition names followed the planner; the words, their
weights and every other column are unchanged (benchmarks/search_rebuild.py compares them).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count

from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    Gene,
    Phenotype,
    PhenotypeSynonym,
    SynonymKind,
)
from knowledge.prevalence import how_common
from knowledge.shared_names import names_shared
from knowledge.typed_names import other_heads, typed_forms
from search.text import phrase_form


@dataclass
class ConditionRows:
    """What one condition's document reads from other tables."""

    curies: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    everyday_names: list[str] = field(default_factory=list)  # curated, also among synonyms
    genes: list[str] = field(default_factory=list)
    phenotypes: list[str] = field(default_factory=list)
    # The names and synonyms of the entries this one is a type of (Orphanet's classification,
    # OMIM entries narrower than an Orphanet disease).
    parent_names: list[str] = field(default_factory=list)
    # The genes Orphanet says are "part of a fusion gene in" it, with HGNC's location: the
    # genes at the breaks of the rearrangement it is named for ("BCR", "22q11.23").
    fused: list[tuple[str, str]] = field(default_factory=list)


FUSION = "part of a fusion gene"  # Orphanet's association type, lower case


def condition_rows(ids: Sequence[int]) -> dict[int, ConditionRows]:
    """Identifiers, synonyms, gene symbols and phenotype names (plus lay words) per condition."""
    rows: dict[int, ConditionRows] = defaultdict(ConditionRows)
    ids = list(ids)
    for condition_id, scheme, value in (
        ConditionIdentifier.objects.filter(condition_id__in=ids)
        .order_by("pk")
        .values_list("condition_id", "scheme", "value")
    ):
        rows[condition_id].curies.append(f"{scheme}:{value}")
    synonyms = ConditionSynonym.objects.filter(condition_id__in=ids).order_by("pk")
    for condition_id, text, kind in synonyms.values_list("condition_id", "text", "kind"):
        rows[condition_id].synonyms.append(text)
        if kind == SynonymKind.LAYPERSON:
            rows[condition_id].everyday_names.append(text)
    links = list(
        ConditionGene.objects.filter(condition_id__in=ids)
        .order_by("pk")
        .values_list("condition_id", "gene_id", "association")
    )
    genes = {
        pk: (symbol, location)
        for pk, symbol, location in Gene.objects.filter(
            pk__in={gene_id for _c, gene_id, _a in links}
        ).values_list("pk", "symbol", "location")
    }
    for condition_id, gene_id, association in links:
        symbol, location = genes[gene_id]
        rows[condition_id].genes.append(symbol)
        if association.lower().startswith(FUSION) and location:
            rows[condition_id].fused.append((symbol, location))
    features = list(
        ConditionPhenotype.objects.filter(condition_id__in=ids)
        .order_by("pk")
        .values_list("condition_id", "phenotype_id", "phenotype__name")
    )
    lay: dict[int, list[str]] = defaultdict(list)
    for phenotype_id, text, is_layperson in (
        PhenotypeSynonym.objects.filter(
            phenotype_id__in={phenotype_id for _c, phenotype_id, _n in features}
        )
        .order_by("pk")
        .values_list("phenotype_id", "text", "is_layperson")
    ):
        if is_layperson:
            lay[phenotype_id].append(text)
    for condition_id, phenotype_id, name in features:
        rows[condition_id].phenotypes.extend((name, *lay[phenotype_id]))
    _add_parent_names(rows, ids)
    return rows


def _add_parent_names(rows: dict[int, ConditionRows], ids: list[int]) -> None:
    links = list(
        ConditionSubtype.objects.filter(child_id__in=ids)
        .order_by("pk")
        .values_list("child_id", "parent_id")
    )
    parents = {parent_id for _child, parent_id in links}
    names: dict[int, list[str]] = defaultdict(list)
    for parent_id, name in Condition.objects.filter(pk__in=parents).values_list("pk", "name"):
        names[parent_id].append(name)
    for parent_id, text in (
        ConditionSynonym.objects.filter(condition_id__in=parents)
        .order_by("pk")
        .values_list("condition_id", "text")
    ):
        names[parent_id].append(text)
    for child_id, parent_id in links:
        rows[child_id].parent_names.extend(names[parent_id])


def gene_condition_names(ids: Sequence[int]) -> dict[int, list[str]]:
    """The names of each gene's conditions."""
    links = list(
        ConditionGene.objects.filter(gene_id__in=list(ids))
        .order_by("pk")
        .values_list("gene_id", "condition_id")
    )
    names = dict(Condition.objects.filter(pk__in={c for _g, c in links}).values_list("pk", "name"))
    result: dict[int, list[str]] = defaultdict(list)
    for gene_id, condition_id in links:
        result[gene_id].append(names[condition_id])
    return result


# Orphanet's association types that say a gene's change causes the condition (germline or somatic).
DISEASE_CAUSING = "disease-causing"


def gene_caused_conditions(ids: Sequence[int]) -> dict[int, list[str]]:
    """The ids of the conditions each gene causes by Orphanet's word ("Disease-causing ..."):
    not those it modifies or raises the chance of, nor links that give no type (HPO's).

    The conditions a patient is born with come first (germline before somatic: TP53 is
    Li-Fraumeni syndrome before the cancers it mutates in), then the commonest per gene that
    causes it (`knowledge.prevalence.how_common` over the number of genes Orphanet says cause
    it: DMD is Duchenne and Becker before familial dilated cardiomyopathy, which 53 genes
    share), then the older Orphanet entry (the lower number: spinal muscular atrophy type 1
    before type 2, both 1-9 / 100 000)."""
    causes = list(
        ConditionGene.objects.filter(gene_id__in=list(ids))
        .filter(association__istartswith=DISEASE_CAUSING)
        .order_by("pk")
        .values_list("gene_id", "condition_id", "condition__primary_id", "association")
    )
    pks = {row[1] for row in causes}
    common = how_common(pks)
    genes_per_condition = dict(
        ConditionGene.objects.filter(condition_id__in=pks, association__istartswith=DISEASE_CAUSING)
        .values("condition_id")
        .annotate(genes=Count("gene_id", distinct=True))
        .values_list("condition_id", "genes")
    )

    def order(row: tuple[int, int, str, str]) -> tuple:
        _gene, pk, curie, association = row
        somatic = "somatic" in association.lower()
        per_gene = common.get(pk, 0.0) / max(genes_per_condition.get(pk, 1), 1)
        return (somatic, -per_gene, *_id_order(curie))

    causes.sort(key=order)
    result: dict[int, list[str]] = defaultdict(list)
    for gene_id, _pk, curie, _association in causes:
        if curie not in result[gene_id]:
            result[gene_id].append(curie)
    return result


def _id_order(curie: str) -> tuple[str, int, str]:
    prefix, _, number = curie.partition(":")
    return (prefix, int(number), "") if number.isdigit() else (prefix, 0, number)


def condition_name_keys() -> frozenset[str]:
    """Every condition's name and synonym as an exact name key ("lou gehrig disease")."""
    return _names_now().keys


def condition_names_shared() -> frozenset[str]:
    """The names two or more conditions' types share (`knowledge.shared_names.names_shared`)."""
    return _names_now().shared


def sign_condition_names() -> frozenset[str]:
    """HPO sign labels and synonyms (phrase form) that are a condition's name or synonym with
    another head word ("fabry syndrome", a synonym of Angiokeratoma corporis diffusum: Fabry
    disease), unless a condition's longer name ends with them: Orphanet names conditions
    "Adrenal Cushing syndrome", "Endogenous Cushing syndrome", a state apart from Cushing
    disease, so the sign HPO also calls "Cushing syndrome" keeps that name."""
    return _names_now().sign_names


def condition_name_parts() -> frozenset[str]:
    """The names conditions are also typed by (phrase form, `ConditionDocument`'s name parts):
    "homocystinuria" for "Classic homocystinuria", a synonym of Homocystinuria due to
    cystathionine beta-synthase deficiency."""
    return _names_now().parts


@dataclass(frozen=True)
class _Names:
    stamp: str
    keys: frozenset[str]
    shared: frozenset[str]
    sign_names: frozenset[str]
    parts: frozenset[str]


# Read again only when the stamp of the names changes: every one-item reindex (an editor's save,
# a worker's task) read all ~90k names and synonyms for them, ~0.5 s of its ~0.5 s.
_names_lock = threading.Lock()
_names_read: list[_Names] = []


def _names_now() -> _Names:
    stamp = condition_names_stamp()
    with _names_lock:
        if _names_read and _names_read[0].stamp == stamp:
            return _names_read[0]
    keys = _read_name_keys()
    read = _Names(
        stamp=stamp,
        keys=keys,
        shared=names_shared(keys),
        sign_names=_read_sign_names(keys),
        parts=_read_name_parts(keys),
    )
    with _names_lock:
        _names_read[:] = [read]
    return read


def condition_names_stamp() -> str:
    """A stamp of every condition and sign name and synonym as a multiset (count and sum of
    hashes): it changes when one is added, removed or renamed, and the keys depend on nothing
    else."""
    parts = []
    with connection.cursor() as cursor:
        for table, column in (
            (Condition._meta.db_table, "name"),
            (ConditionSynonym._meta.db_table, "text"),
            (Phenotype._meta.db_table, "name"),
            (PhenotypeSynonym._meta.db_table, "text"),
        ):
            cursor.execute(
                f"SELECT count(*), coalesce(sum(hashtextextended({column}, 0)), 0) FROM {table}"  # noqa: S608 - model table and column names only
            )
            count, total = cursor.fetchone()
            parts.append(f"{count}:{total}")
    return "-".join(parts)


def _read_name_keys() -> frozenset[str]:
    names = Condition.objects.values_list("name", flat=True)
    synonyms = ConditionSynonym.objects.values_list("text", flat=True)
    return frozenset(
        phrase_form(text) for rows in (names, synonyms) for text in rows.iterator(chunk_size=5000)
    )


_HEAD_AT_END = r"(?i) (disease|syndrome|disorder)$"
# The names `typed_forms` reads a part of: a leading inheritance or "Classic", or an "A/B" pair.
_PREFIXED_OR_PAIRED = r"(?i)^(x-linked|y-linked|autosomal|classic)|/"


def _read_sign_names(keys: frozenset[str]) -> frozenset[str]:
    names = Phenotype.objects.filter(is_obsolete=False, name__regex=_HEAD_AT_END)
    synonyms = PhenotypeSynonym.objects.filter(
        phenotype__is_obsolete=False, text__regex=_HEAD_AT_END
    )
    borne = {
        phrase
        for rows in (names.values_list("name", flat=True), synonyms.values_list("text", flat=True))
        for text in rows.iterator(chunk_size=5000)
        if (phrase := phrase_form(text)) not in keys and any(f in keys for f in other_heads(phrase))
    }
    if not borne:
        return frozenset()
    # Few (about five): which conditions each is the other name of, and which end with it.
    forms = {form: sign_name for sign_name in borne for form in other_heads(sign_name)}
    meant: dict[str, set[int]] = defaultdict(set)
    ending: dict[str, set[int]] = defaultdict(set)
    for condition_id, text in _condition_names():
        phrase = phrase_form(text)
        if phrase in forms:
            meant[forms[phrase]].add(condition_id)
        for sign_name in borne:
            if phrase.endswith(f" {sign_name}") and _ends_with_words(text, sign_name):
                ending[sign_name].add(condition_id)
    # "Adrenal Cushing syndrome" is another condition's name; "Anderson-Fabry disease" is Fabry
    # disease's own synonym, and "Fryns-Hofkens-Fabry syndrome" names three people.
    return frozenset(p for p in borne if not ending[p] - meant[p])


def _ends_with_words(text: str, phrase: str) -> bool:
    """Do the last words of `text`, apart from a word before them, read as `phrase`?"""
    tokens = text.split()
    return any(phrase_form(" ".join(tokens[i:])) == phrase for i in range(1, len(tokens)))


def _condition_names() -> Iterator[tuple[int, str]]:
    """(condition id, name or synonym) of the names that end with a head word."""
    names = Condition.objects.filter(name__regex=_HEAD_AT_END).values_list("pk", "name")
    synonyms = ConditionSynonym.objects.filter(text__regex=_HEAD_AT_END)
    yield from names.iterator(chunk_size=5000)
    yield from synonyms.values_list("condition_id", "text").iterator(chunk_size=5000)


def _read_name_parts(keys: frozenset[str]) -> frozenset[str]:
    own = _PREFIXED_OR_PAIRED
    names = Condition.objects.filter(name__regex=own).values_list("name", "name")
    synonyms = ConditionSynonym.objects.filter(text__regex=own).values_list(
        "text", "condition__name"
    )
    return frozenset(
        phrase_form(part)
        for rows in (names, synonyms)
        for text, name in rows.iterator(chunk_size=5000)
        for part in typed_forms(text, keys, name)
    )
