"""schema.org JSON-LD for condition pages (rendered with the `jsonld` filter)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.html import strip_tags

from knowledge.models import Condition

PUBLISHER = {"@type": "Organization", "name": "RareLabs"}


def condition_graph(
    condition: Condition, *, url: str, summary: str, reviewed_on: datetime.date | None = None
) -> dict[str, Any]:
    """A MedicalWebPage about one MedicalCondition; `lastReviewed` only when an editor checked."""
    codes = [
        {"@type": "MedicalCode", "codeValue": i.value, "codingSystem": i.scheme}
        for i in condition.identifiers.all()
    ]
    graph = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": condition.name,
        "description": strip_tags(summary)[:300],
        "publisher": PUBLISHER,
        "dateModified": condition.updated_at.isoformat() if condition.updated_at else None,
        "about": {
            "@type": "MedicalCondition",
            "name": condition.name,
            "alternateName": [s.text for s in condition.synonyms.all()][:10],
            "code": codes,
        },
    }
    if reviewed_on is not None:
        graph["lastReviewed"] = reviewed_on.isoformat()
        graph["reviewedBy"] = {"@type": "Organization", "name": "RareLabs editors"}
    return graph
