"""Which of a condition's Orphanet prevalence statements the page and its family sentence say.

`Condition.prevalence` keeps Orphanet's headline statement (point prevalence, worldwide, even
"Unknown"): the description ranking reads it as its prior. `prevalence_statements` keeps every
statement, best known first (the Orphanet importer orders them): the family sentence says the
first one with a real class, and the page and the API list the others for physicians.
"""

from __future__ import annotations

from typing import Any

from knowledge.models import Condition

# Classes that say Orphanet has no figure (the importer, the page and the ranking read them).
UNKNOWN_CLASSES = frozenset({"Unknown", "Not yet documented"})


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
