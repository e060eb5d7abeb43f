"""Reads for the knowledge pages that show only knowledge rows (lists, variants, phenotypes).

Pages that also show trials, publications and articles are assembled in pages/selectors.py.
"""

from __future__ import annotations

import string

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from knowledge.attribution import shows_orphanet_facts
from knowledge.editor_values import links_prime_editor_values
from knowledge.models import (
    Condition,
    ConditionPhenotype,
    Phenotype,
    PhenotypeSynonym,
    SlugRedirect,
    Therapy,
    TherapyLink,
    TherapySlugRedirect,
    Variant,
)
from knowledge.therapy_names import other_names

LETTERS = tuple(string.ascii_uppercase)
OTHER_LETTER = "0-9"


def condition_get_redirect(*, slug: str) -> Condition | None:
    """The condition an old (merged) slug now points at, if any."""
    redirect = SlugRedirect.objects.select_related("condition").filter(old_slug=slug).first()
    return redirect.condition if redirect else None


def therapy_get_redirect(*, slug: str) -> Therapy | None:
    """The therapy an old (merged or renamed) slug now points at, if any."""
    redirect = TherapySlugRedirect.objects.select_related("therapy").filter(old_slug=slug).first()
    return redirect.therapy if redirect else None


def therapy_other_names(therapy: Therapy) -> list[str]:
    """The generic names its sources give it besides its own (the FDA writes some two ways),
    read from its links' approvals (prefetch them: links__orphan_approvals)."""
    written = [a.generic_name for link in therapy.links.all() for a in link.orphan_approvals.all()]
    return other_names(therapy.name, written)


def condition_list_by_letter(*, letter: str) -> QuerySet[Condition]:
    """Conditions whose name starts with a letter (or a digit/symbol for OTHER_LETTER)."""
    # Case-insensitive: ALL-CAPS OMIM titles would otherwise sort before every other name.
    queryset = Condition.objects.only("name", "slug", "primary_id", "is_group").order_by(
        Lower("name"), "name", "pk"
    )
    if letter == OTHER_LETTER:
        starts = Q()
        for char in LETTERS:
            starts |= Q(name__istartswith=char)
        return queryset.exclude(starts)
    return queryset.filter(name__istartswith=letter)


def variant_get_page(*, pk: int) -> Variant | None:
    """A variant with its gene, conditions and therapies prefetched; None if unknown."""
    variant = (
        Variant.objects.filter(pk=pk)
        .select_related("gene")
        .prefetch_related(
            Prefetch(
                "condition_links",
                queryset=Variant.conditions.through.objects.select_related("condition"),
            ),
            Prefetch(
                "therapy_links",
                queryset=TherapyLink.objects.select_related("therapy").with_regulatory_events(),
            ),
        )
        .first()
    )
    if variant is not None:
        links_prime_editor_values(variant.therapy_links.all())
    return variant


def phenotype_get_page(*, hpo_id: str, condition_limit: int = 100) -> Phenotype | None:
    """An HPO term with its synonyms, parents and conditions (most frequent first)."""
    links = ConditionPhenotype.objects.select_related("condition").order_by(
        "-frequency", "condition__name"
    )
    phenotype = (
        Phenotype.objects.filter(hpo_id=hpo_id)
        .prefetch_related("synonyms", "parents", Prefetch("condition_links", queryset=links))
        .first()
    )
    if phenotype is not None:
        phenotype.condition_rows = list(phenotype.condition_links.all())[:condition_limit]
        phenotype.shows_orphanet = shows_orphanet_facts(phenotype.condition_rows)
    return phenotype


def therapy_list() -> QuerySet[Therapy]:
    """All therapies by name, with their links' statuses for a one-line summary."""
    return Therapy.objects.prefetch_related(
        Prefetch(
            "links", queryset=TherapyLink.objects.only("therapy_id", "status", "condition_name")
        )
    ).order_by("name")


def condition_list_for_summary() -> QuerySet[Condition]:
    """Conditions with every row their generated summary reads, fetched up front."""
    synonyms = PhenotypeSynonym.objects.filter(is_layperson=True).order_by("id")
    return Condition.objects.select_related("summary_review").prefetch_related(
        Prefetch(
            "phenotypes",
            queryset=ConditionPhenotype.objects.select_related("phenotype").prefetch_related(
                Prefetch("phenotype__synonyms", queryset=synonyms)
            ),
        ),
        Prefetch(
            "therapy_links",
            queryset=TherapyLink.objects.select_related("therapy").with_regulatory_events(),
        ),
    )
