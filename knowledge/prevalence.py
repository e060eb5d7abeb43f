"""Which of a condition's Orphanet prevalence statements the page and its family sentence say.

`Condition.prevalence` keeps Orphanet's headline statement (point prevalence, worldwide, even
"Unknown"). `prevalence_statements` keeps every statement, best known first (the Orphanet
importer orders them): the family sentence says the first one with a real class, and the page
and the API list the others for physicians. The description ranking reads the headline as its
prior, or when the headline is unknown the first point or birth prevalence with a class
(`ranking_class`): 502 disorders, achondroplasia and 22q11.2 deletion syndrome among them, have
an "Unknown" headline and a known class at birth or in a region. `prevalence_value` reads a
class as cases per person (the description prior and the order of a gene's conditions in its
search entry, `how_common`, both read it).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import Count, Q

from knowledge.models import Condition, ConditionSubtype, SubtypeRelation

# Classes that say Orphanet has no figure (the importer, the page and the ranking read them).
UNKNOWN_CLASSES = frozenset({"Unknown", "Not yet documented"})
# How many people have it (not how many new cases a year): what a prior can read.
PREVALENCE_TYPES = frozenset({"Point prevalence", "Prevalence at birth"})

# Orphanet's prevalence classes, read as the middle of each class (cases per person).
PREVALENCE_CLASSES = {
    ">1 / 1000": 2e-3,
    "6-9 / 10 000": 7.5e-4,
    "1-5 / 10 000": 3e-4,
    "1-9 / 100 000": 5e-5,
    "1-9 / 1 000 000": 5e-6,
    "<1 / 1 000 000": 5e-7,
}
# Orphanet lists the disease but gives no class ("Unknown", or no prevalence record at all):
# read as "1-9 / 1 000 000".
UNKNOWN_PREVALENCE = 5e-6
# No Orphanet record at all (most OMIM-only entries): counted as the rarest class.
UNRECORDED_PREVALENCE = 5e-7


def best_known_statement(condition: Condition) -> dict[str, Any] | None:
    """The first statement with a real class, or None when Orphanet knows none."""
    return next(
        (s for s in condition.prevalence_statements or ()
         if s.get("class") and s["class"] not in UNKNOWN_CLASSES),
        None,
    )  # fmt: skip


def best_known_prevalence(condition: Condition) -> tuple[str, str]:
    """(class, label) the family sentence says: the best known statement, else the headline."""
    best = best_known_statement(condition)
    if best is None:
        return condition.prevalence, condition.prevalence_source
    return best["class"], best["label"]


def ranking_class(headline: str, statements: list[dict[str, Any]] | None) -> str:
    """The class the description ranking reads: the headline, or when it is unknown the first
    point or birth prevalence statement with a class (else the headline as it is)."""
    if headline.strip() and headline.strip() not in UNKNOWN_CLASSES:
        return headline
    return next(
        (s["class"] for s in statements or ()
         if s.get("type") in PREVALENCE_TYPES and s.get("class")
         and s["class"] not in UNKNOWN_CLASSES),
        headline,
    )  # fmt: skip


def prevalence_value(prevalence: str, orphanet: bool = False) -> float:
    """Cases per person for an Orphanet prevalence class ("Unknown" as 1-9 / 1 000 000, no
    class recorded as the rarest). An Orphanet disorder without a class is as unknown as one
    Orphanet marks "Unknown"; only an entry Orphanet does not list (`orphanet` False, most
    are OMIM entries from one or a few families) is read as the rarest class."""
    prevalence = prevalence.strip()
    if prevalence in UNKNOWN_CLASSES or (orphanet and not prevalence):
        return UNKNOWN_PREVALENCE
    return PREVALENCE_CLASSES.get(prevalence, UNRECORDED_PREVALENCE)


def how_common(pks: Collection[int]) -> dict[int, float]:
    """Cases per person for each condition as the description prior reads it: its own class
    (`ranking_class`), or, for a type of a disease (Orphanet's classification), its share of
    the disease's prevalence (divided among the disease's types), whichever is higher. The
    types of phenylketonuria have no class of their own; the disease has one."""
    conditions = {
        pk: (ranking_class(headline, statements), primary_id.startswith("ORPHA:"))
        for pk, headline, statements, primary_id in Condition.objects.filter(
            pk__in=list(pks)
        ).values_list("pk", "prevalence", "prevalence_statements", "primary_id")
    }
    value = {pk: prevalence_value(cls, orphanet) for pk, (cls, orphanet) in conditions.items()}
    classification = SubtypeRelation.CLASSIFICATION
    links = ConditionSubtype.objects.filter(
        child_id__in=list(conditions),
        relation=classification,
        parent__is_group=False,
    )
    parents = links.annotate(
        types=Count(
            "parent__subtype_links", filter=Q(parent__subtype_links__relation=classification)
        )
    ).values_list("child_id", "parent__prevalence", "parent__prevalence_statements", "types")
    for child, headline, statements, types in parents:
        share = prevalence_value(ranking_class(headline, statements), True) / max(types, 1)
        value[child] = max(value[child], share)
    return value
