"""schema.org JSON-LD for articles (rendered with the `jsonld` filter)."""

from __future__ import annotations

from typing import Any

from content.models import Article
from knowledge.jsonld import PUBLISHER


def _faq(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": str(item.get("question", "")),
                "acceptedAnswer": {"@type": "Answer", "text": str(item.get("answer", ""))},
            }
            for item in items
            if item.get("question") and item.get("answer")
        ],
    }


def article_graph(article: Article, *, url: str) -> dict[str, Any]:
    """A MedicalWebPage for an article, plus an FAQPage when it has questions."""
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "author": {"@type": "Organization", "name": article.author},
        "publisher": PUBLISHER,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "inLanguage": "en",
        "audience": {"@type": "PeopleAudience", "audienceType": "Patients and families"},
        "keywords": ", ".join(article.tags),
        "about": [
            {"@type": "MedicalCondition", "name": c.name} for c in article.related_conditions.all()
        ],
    }
    if article.published_at:
        page["datePublished"] = article.published_at.isoformat()
    graph = [page]
    if article.faq:
        graph.append(_faq(article.faq))
    return {"@context": "https://schema.org", "@graph": graph}
