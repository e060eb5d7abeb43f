"""Orphanet's CC BY 4.0 terms: the attribution every page or response showing its data carries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ORPHANET_ATTRIBUTION: dict[str, str] = {
    "source": "Orphanet (INSERM)",
    "url": "https://www.orpha.net/",
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "text": "Contains information from Orphanet (INSERM), https://www.orpha.net/, used under "
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).",
}


def is_orphanet_fact(row: Any) -> bool:
    """A link or condition whose facts came from Orphanet (its source, or an ORPHA condition)."""
    if str(getattr(row, "source", "")).startswith("Orphanet"):
        return True
    condition = getattr(row, "condition", row)
    return str(getattr(condition, "primary_id", "")).startswith("ORPHA:")


def shows_orphanet_facts(rows: Iterable[Any]) -> bool:
    """True when any of the rows a page shows is Orphanet's."""
    return any(is_orphanet_fact(row) for row in rows)
