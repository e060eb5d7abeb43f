"""What matching an indication found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    """What was found: how, the words matched, and the candidate condition ids."""

    kind: str  # "exact", "unique", "ambiguous" or "none"
    matched_text: str = ""
    conditions: tuple[int, ...] = ()
