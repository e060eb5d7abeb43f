"""Condition, gene and therapy pages: knowledge rows with their trials, papers and articles.

The condition page is assembled in `pages/condition_page.py` (re-exported here). Every page's rows are fetched up front, never in templates. These pages read trials/,
literature/ and content/, so they sit above them (knowledge/ stays below).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from content.models import Article
from knowledge.attribution import shows_orphanet_facts
from knowledge.editor_values import links_prime_editor_values, therapy_get_editor_values
from knowledge.models import (
    ConditionGene,
    Gene,
    Therapy,
    TherapyLink,
    Variant,
)
from knowledge.selectors import therapy_other_names
from literature.models import PublicationLink
from pages.condition_page import ConditionPage, condition_get_page, visible_links
from trials.models import TrialLink

__all__ = ["ConditionPage", "GenePage", "condition_get_page", "gene_get_page", "therapy_get_page"]


@dataclass(frozen=True)
class GenePage:
    gene: Gene
    conditions: list[ConditionGene]
    variants: list[Variant]
    therapy_links: list[TherapyLink]
    trials: list[TrialLink]
    publications: list[PublicationLink]
    orphanet: bool = False  # shows Orphanet's facts: its CC BY 4.0 attribution is due


def gene_get_page(*, symbol: str, variant_limit: int = 50) -> GenePage | None:
    """A gene with its conditions, variants, therapies, trials and papers; None if unknown."""
    gene = Gene.objects.filter(symbol__iexact=symbol).first()
    if gene is None:
        return None
    conditions = list(gene.condition_links.select_related("condition").order_by("condition__name"))
    therapy_links = _one_per_source_link(
        gene.therapy_links.select_related("therapy", "condition")
        .with_regulatory_events()
        .order_by("therapy__name")
    )
    links_prime_editor_values(therapy_links)
    return GenePage(
        gene=gene,
        conditions=conditions,
        orphanet=gene.source.startswith("Orphanet") or shows_orphanet_facts(conditions),
        variants=list(gene.variants.order_by("name")[:variant_limit]),
        therapy_links=therapy_links,
        trials=list(
            visible_links(TrialLink, gene=gene)
            .select_related("trial")
            .order_by("-trial__last_update_date")[:10]
        ),
        publications=list(
            visible_links(PublicationLink, gene=gene)
            .select_related("publication")
            .order_by("-publication__published_on")[:10]
        ),
    )


def _one_per_source_link(links: QuerySet[TherapyLink]) -> list[TherapyLink]:
    # A source link naming several conditions is stored once per condition: show it once.
    first: dict[tuple[int, str], TherapyLink] = {}
    for link in links:
        first.setdefault((link.therapy_id, link.condition_name), link)
    return list(first.values())


def therapy_get_page(*, slug: str) -> Therapy | None:
    """A therapy with what it is known to do for each condition; None if unknown."""
    therapy = (
        Therapy.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "links",
                queryset=TherapyLink.objects.select_related("condition")
                .prefetch_related("genes", "orphan_approvals")
                .with_regulatory_events()
                .order_by("condition_name", "condition__name"),
            ),
            Prefetch("articles", queryset=Article.objects.public(), to_attr="public_articles"),
        )
        .first()
    )
    if therapy is None:
        return None
    therapy.other_names = therapy_other_names(therapy)
    therapy.editor_values = therapy_get_editor_values([therapy]).get(therapy.pk, [])
    links_prime_editor_values(therapy.links.all())
    therapy.trial_rows = list(
        visible_links(TrialLink, therapy=therapy)
        .select_related("trial")
        .order_by("-trial__last_update_date")[:10]
    )
    therapy.paper_rows = list(
        visible_links(PublicationLink, therapy=therapy)
        .select_related("publication")
        .order_by("-publication__published_on")[:10]
    )
    return therapy
