"""Which of a condition's Orphanet prevalence statements the page and its family sentence say.

`Condition.prevalence` keeps Orphanet's headline statement (point prevalence, worldwide, even
"Unknown"). `prevalence_statements` keeps every statement, best known first (the Orphanet
importer orders them): the family sentence says the first one with a real class, and the page
and the API list the others for physicians. The description ranking reads the headline as its
prior, or when the headline is unknown the first point or birth prevalence with a class
(`ranking_class`): 502 disorders, achondroplasia and 22q11.2 deletion syndrome among them, have
an "Unknown" headline and a known class at birth or in a region.
"""

from __future__ import annotations

from typing import Any

from knowledge.models import Condition

# Classes that say Orphanet has no figure (the importer, the page and the ranking read them).
UNKNOWN_CLASSES = frozenset({"Unknown", "Not yet documented"})
# How many people have it (not how many new cases a year): what a prior can read.
PREVALENCE_TYPES = frozenset({"Point prevalence", "Prevalence at birth"})


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
