"""What the description search weighs besides the signs, all read from the knowledge base:

- how common each condition is: Orphanet's prevalence class (stored on the condition with its
  source, e.g. "1-5 / 10 000", Orphanet point prevalence). A family's few everyday signs fit
  many conditions; among those that fit equally, the commoner one is the likelier, so each
  tenfold step of prevalence adds PRIOR_WEIGHT to the score (a mild prior: one well-matched
  specific sign is worth more than two classes).
- which disease a subtype belongs to (Orphanet's classification, `ConditionSubtype`): a family
  wants "Angelman syndrome", not "Angelman syndrome due to imprinting defect in 15q11-q13", so a
  subtype is shown as its disease, with the signs it matched.

Built once per phenotype index version and kept in memory (one query of ~13,000 short rows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from knowledge.models import Condition, ConditionSubtype
from treatments.phenotypes.index import PhenotypeIndex
from treatments.phenotypes.scoring import DEFAULT_WEIGHTS, RankWeights

# Orphanet's prevalence classes, read as the middle of each class (cases per person).
PREVALENCE_CLASSES = {
    ">1 / 1000": 2e-3,
    "6-9 / 10 000": 7.5e-4,
    "1-5 / 10 000": 3e-4,
    "1-9 / 100 000": 5e-5,
    "1-9 / 1 000 000": 5e-6,
    "<1 / 1 000 000": 5e-7,
}
# No class recorded ("Unknown", most OMIM-only entries): counted as the rarest class.
UNKNOWN_PREVALENCE = 5e-7
PRIOR_WEIGHT = 1.0  # score added per tenfold prevalence
SUBTYPE_KINDS = frozenset({"Clinical subtype", "Etiological subtype", "Histopathological subtype"})
# A family names a few signs, not all they see: a condition's frequent signs that the description
# does not mention are not evidence against it, and a long list of signs is no reason to doubt
# a condition (both weights were tuned on the description tuning split; see docs/benchmarks.md).
FAMILY_WEIGHTS: RankWeights = replace(DEFAULT_WEIGHTS, absent_weight=0.0, size_penalty=0.0)


@dataclass(frozen=True)
class FamilyPrior:
    """The prior score per condition of an index, and the disease each subtype is shown as."""

    version: str
    prior: np.ndarray  # aligned with index.condition_ids
    shown_as: dict[int, int]  # subtype pk -> its disease's pk


def prevalence_value(prevalence: str) -> float:
    """Cases per person for an Orphanet prevalence class (the rarest class when unknown)."""
    return PREVALENCE_CLASSES.get(prevalence.strip(), UNKNOWN_PREVALENCE)


def family_prior_build(index: PhenotypeIndex) -> FamilyPrior:
    """Read prevalence classes and subtype links for the conditions of `index`."""
    rows = {
        pk: (kind, prevalence, is_group)
        for pk, kind, prevalence, is_group in Condition.objects.values_list(
            "id", "disorder_type", "prevalence", "is_group"
        ).iterator(chunk_size=5000)
    }
    shown_as: dict[int, int] = {}
    links = ConditionSubtype.objects.order_by("parent_id").values_list("child_id", "parent_id")
    for child, parent in links.iterator(chunk_size=5000):
        if rows[child][0] in SUBTYPE_KINDS and not rows[parent][2]:
            shown_as.setdefault(child, parent)

    def log_prevalence(pk: int) -> float:
        own = rows.get(pk, ("", "", False))[1]
        disease = rows.get(shown_as.get(pk, pk), ("", "", False))[1]
        best = max(prevalence_value(own), prevalence_value(disease))
        return math.log10(best)

    prior = np.array([log_prevalence(int(pk)) for pk in index.condition_ids.tolist()])
    return FamilyPrior(version=index.version, prior=PRIOR_WEIGHT * prior, shown_as=shown_as)


_memory: dict[str, FamilyPrior] = {}


def family_prior_get(index: PhenotypeIndex) -> FamilyPrior:
    """The prior for this index version (rebuilt when the index changes)."""
    cached = _memory.get("prior")
    if cached is None or cached.version != index.version:
        cached = family_prior_build(index)
        _memory["prior"] = cached
    return cached


def family_prior_clear() -> None:
    """Forget the in-process prior (tests call this after changing conditions)."""
    _memory.clear()
