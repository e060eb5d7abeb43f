"""Therapies of related conditions: its types (Orphanet's classification), and conditions
caused by changes in a gene this condition is also caused by.

Shown on a condition page apart from the condition's own therapies: a family who lands on a
group entry ("Proximal spinal muscular atrophy") or a sibling condition (another SMA type)
should still learn what exists, clearly labelled as being for that other condition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.models import Condition, ConditionGene, ConditionSubtype, TherapyLink

RELATED_LIMIT = 12


@dataclass(frozen=True)
class RelatedTherapy:
    """One source's link of a therapy to other conditions that share a gene with this one."""

    link: TherapyLink
    conditions: tuple[Condition, ...]
    genes: tuple[str, ...]  # the shared genes; empty for a type of this condition


def gene_is_cause(association: str) -> bool:
    """True when a gene link says changes in the gene cause the condition."""
    # HPO annotations give no association type (''); Orphanet's modifier, susceptibility,
    # fusion-gene and "role in the phenotype" links are not causes, so they relate nothing.
    return not association or association.startswith("Disease-causing")


def related_therapies_list(
    *,
    condition: Condition,
    gene_links: Iterable[ConditionGene],
    own_therapy_ids: set[int],
    neighbours: Iterable[tuple[int, int, str]] | None = None,
) -> list[RelatedTherapy]:
    """Therapy links of conditions sharing a causal gene; two queries, none without genes.

    `neighbours`, when given, are the (condition id, gene id, association) rows of the other
    conditions with a therapy link that share any of its genes, read already (the condition
    page reads them in its one statement): then only the therapy links are queried.
    """
    symbols = {g.gene_id: g.gene.symbol for g in gene_links if gene_is_cause(g.association)}
    if not symbols:
        return []
    shared: dict[int, set[str]] = defaultdict(set)
    if neighbours is None:
        neighbours = (
            ConditionGene.objects.filter(
                gene_id__in=symbols, condition__therapy_links__isnull=False
            )
            .exclude(condition=condition)
            .values_list("condition_id", "gene_id", "association")
            .distinct()
        )
    for condition_id, gene_id, association in neighbours:
        if gene_id in symbols and gene_is_cause(association):
            shared[condition_id].add(symbols[gene_id])
    return _cards(shared, own_therapy_ids)


def subtype_therapies_list(
    *, subtypes: Iterable[ConditionSubtype], own_therapy_ids: set[int]
) -> list[RelatedTherapy]:
    """Therapy links of a condition's types (its links one level down in the classification)."""
    return _cards({link.child_id: set() for link in subtypes}, own_therapy_ids)


def _cards(shared: dict[int, set[str]], own_therapy_ids: set[int]) -> list[RelatedTherapy]:
    """The therapy links of `shared` conditions (id -> shared genes), one card per source link."""
    if not shared:
        return []
    links = (
        TherapyLink.objects.filter(condition_id__in=shared)
        .exclude(therapy_id__in=own_therapy_ids)
        .select_related("therapy", "condition")
        .with_regulatory_events()
        .order_by("therapy__name", "condition__name", "pk")
    )
    # One card per source link: a link naming three SMA types lists all three conditions.
    groups: dict[tuple[int, str, str], list[TherapyLink]] = {}
    for link in links:
        groups.setdefault((link.therapy_id, link.condition_name, link.status), []).append(link)
    related = [
        RelatedTherapy(
            link=group[0],
            conditions=tuple(link.condition for link in group),
            genes=tuple(sorted(set().union(*(shared[link.condition_id] for link in group)))),
        )
        for group in groups.values()
    ]
    related.sort(key=lambda r: (not r.link.regulatory.approved_now, r.link.therapy.name.lower()))
    return related[:RELATED_LIMIT]


def related_genes_text(related: Iterable[RelatedTherapy]) -> str:
    """'SMN1', 'DMD or LTBP4': the shared genes named in the section's opening sentence."""
    symbols = sorted({symbol for item in related for symbol in item.genes})
    if len(symbols) <= 1:
        return "".join(symbols)
    return ", ".join(symbols[:-1]) + " or " + symbols[-1]
