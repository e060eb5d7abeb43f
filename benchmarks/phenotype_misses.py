"""Where the tuning misses go: rank buckets, and what beat the right condition at top-1.

Aggregate only (no case is printed). Used by phenotype_tune.py --misses on the TUNING split.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

BUCKETS = ((1, 1), (2, 3), (4, 10), (11, 20), (21, 100), (101, 10**9))
FEW = 10  # a condition with fewer annotations than this is "sparse"
# "Retinitis pigmentosa 11", "... type 2A", "... 1": the stem a numbered family shares.
_NUMBERED = re.compile(r"(,?\s*(type|group|subtype|form)?\s*[0-9]+[a-z]?)+$", re.IGNORECASE)


@dataclass(frozen=True)
class ConditionFacts:
    """What the miss analysis needs to know about each condition index."""

    names: list[str]
    is_group: list[bool]
    sizes: list[int]  # number of annotations
    genes: list[frozenset[str]]


def _stem(name: str) -> str:
    return _NUMBERED.sub("", name.strip().lower()).strip(" ,-")


def _why(top: int, right: int, facts: ConditionFacts) -> list[str]:
    """Every reason that applies to one top-1 miss (a case can have several)."""
    reasons = []
    shared_gene = facts.genes[top] & facts.genes[right]
    if shared_gene or _stem(facts.names[top]) == _stem(facts.names[right]):
        reasons.append("sibling (same gene or same numbered family)")
    if facts.is_group[top]:
        reasons.append("an Orphanet group")
    if facts.sizes[top] >= 2 * max(facts.sizes[right], 1):
        reasons.append("winner has >= 2x the annotations")
    if facts.sizes[top] * 2 <= facts.sizes[right]:
        reasons.append("winner has <= half the annotations")
    if facts.sizes[right] < FEW:
        reasons.append(f"right condition has < {FEW} annotations")
    if facts.sizes[top] < FEW:
        reasons.append(f"winner has < {FEW} annotations")
    return reasons or ["none of these"]


def misses_print(results: list[tuple[int, int, int]], facts: ConditionFacts) -> None:
    """results: (rank of the first right condition, top condition, best-ranked right condition)."""
    n = len(results)
    print(f"rank of the right condition over {n} tuning cases:")
    for low, high in BUCKETS:
        hits = sum(low <= r <= high for r, _, _ in results)
        label = f"{low}" if low == high else f"{low}-{high}" if high < 10**9 else f">{low - 1}"
        print(f"  rank {label:>7s}: {hits:4d} ({hits / n:.3f})")
    misses = [(top, right) for r, top, right in results if r > 1]
    reasons: Counter[str] = Counter()
    first: Counter[str] = Counter()
    for top, right in misses:
        why = _why(top, right, facts)
        reasons.update(why)
        first[why[0]] += 1
    print(f"what beat the right condition in the {len(misses)} top-1 misses (may overlap):")
    for reason, count in reasons.most_common():
        print(f"  {count:4d} ({count / max(len(misses), 1):.3f})  {reason}  [first reason: "
              f"{first[reason]}]")  # fmt: skip
    sizes = sorted(facts.sizes[top] for top, _ in misses)
    right_sizes = sorted(facts.sizes[right] for _, right in misses)
    if misses:
        mid = len(misses) // 2
        print(f"  median annotations: winner {sizes[mid]}, right condition {right_sizes[mid]}")
