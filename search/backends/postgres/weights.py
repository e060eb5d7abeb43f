"""Boost tiers to tsvector weights, and the rank weights ts_rank reads."""

from __future__ import annotations

from collections.abc import Sequence

from search.documents import tier_for

TIER_TO_WEIGHT = {"a": "A", "b": "B", "c": "C", "d": "D"}
# ts_rank's array is {D, C, B, A}: a name match is worth 20 body matches.
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]


def weight_for(boost: float) -> str:
    """The tsvector weight letter for a field boost."""
    return TIER_TO_WEIGHT[tier_for(boost)]


def texts_by_weight(texts: Sequence[tuple[str, str, float]]) -> dict[str, str]:
    """Join a document's (field, text, boost) triples into one text per weight A-D."""
    grouped: dict[str, list[str]] = {"A": [], "B": [], "C": [], "D": []}
    for _name, text, boost in texts:
        grouped[weight_for(boost)].append(text)
    return {weight: " | ".join(parts) for weight, parts in grouped.items()}
