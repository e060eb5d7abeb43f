"""schema.org JSON-LD for condition pages (rendered with the `jsonld` filter)."""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags

from knowledge.models import Condition

PUBLISHER = {"@type": "Organization", "name": "RareLabs"}


def condition_graph(condition: Condition, *, url: str, summary: str) -> dict[str, Any]:
    """A MedicalWebPage about one MedicalCondition."""
    codes = [
        {"@type": "MedicalCode", "codeValue": i.value, "codingSystem": i.scheme}
        for i in condition.identifiers.all()
    ]
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": condition.name,
        "description": strip_tags(summary)[:300],
        "publisher": PUBLISHER,
        "dateModified": condition.updated_at.isoformat() if condition.updated_at else None,
        "lastReviewed": condition.retrieved_on.isoformat() if condition.retrieved_on else None,
        "about": {
            "@type": "MedicalCondition",
            "name": condition.name,
            "alternateName": [s.text for s in condition.synonyms.all()][:10],
            "code": codes,
        },
    }
