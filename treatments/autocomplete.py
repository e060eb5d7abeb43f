"""Suggestions for the condition and phenotype boxes of the treatment search form."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models.functions import Length

from knowledge.models import Condition, Phenotype, PhenotypeSynonym
from search.query import run_autocomplete

logger = logging.getLogger(__name__)

MIN_PREFIX = 2
MAX_SUGGESTIONS = 15


@dataclass(frozen=True)
class Suggestion:
    value: str  # what goes into the box
    label: str  # what the list shows


def _unique(suggestions: list[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    kept = []
    for suggestion in suggestions:
        if suggestion.value.lower() not in seen:
            seen.add(suggestion.value.lower())
            kept.append(suggestion)
    return kept


def condition_list_autocomplete(*, prefix: str, limit: int = 10) -> list[Suggestion]:
    """Condition names for a prefix: from the search index, topped up by name."""
    prefix = prefix.strip()
    limit = max(1, min(limit, MAX_SUGGESTIONS))
    if len(prefix) < MIN_PREFIX:
        return []
    found = run_autocomplete(prefix, doc_types=("condition",), limit=limit)
    suggestions = [Suggestion(s.name, f"{s.name} ({s.detail})" if s.detail else s.name)
                   for s in found]  # fmt: skip
    if len(suggestions) < limit:
        # The index may lag behind the database (or be empty on a fresh site): fill by name.
        rows = (
            Condition.objects.filter(name__istartswith=prefix)
            .order_by(Length("name"), "name")
            .values_list("name", "primary_id")[:limit]
        )
        suggestions += [Suggestion(name, f"{name} ({curie})") for name, curie in rows]
    return _unique(suggestions)[:limit]


def phenotype_list_autocomplete(*, prefix: str, limit: int = 10) -> list[Suggestion]:
    """HPO terms whose name or everyday synonym starts with the prefix."""
    prefix = prefix.strip()
    limit = max(1, min(limit, MAX_SUGGESTIONS))
    if len(prefix) < MIN_PREFIX:
        return []
    if prefix.upper().startswith("HP:"):
        rows = Phenotype.objects.filter(hpo_id__startswith=prefix.upper(), is_obsolete=False)
        return [
            Suggestion(p.hpo_id, f"{p.name} ({p.hpo_id})") for p in rows.order_by("hpo_id")[:limit]
        ]
    terms = (
        Phenotype.objects.filter(name__istartswith=prefix, is_obsolete=False)
        .order_by(Length("name"), "name")
        .values_list("name", "hpo_id")[:limit]
    )
    suggestions = [Suggestion(name, f"{name} ({hpo})") for name, hpo in terms]
    synonyms = (
        PhenotypeSynonym.objects.filter(text__istartswith=prefix, phenotype__is_obsolete=False)
        .order_by("-is_layperson", Length("text"))
        .values_list("text", "phenotype__name", "phenotype__hpo_id")[:limit]
    )
    suggestions += [Suggestion(text, f"{text} — {name} ({hpo})") for text, name, hpo in synonyms]
    return _unique(suggestions)[:limit]
