"""Treatments' part in search: the description path (signs -> conditions) and the everyday words
for signs that spelling correction must leave alone, registered with the search framework the
way documents are."""

from __future__ import annotations

from django.conf import settings

from search.describers import Described, register_describer, register_sign_namer
from search.ordinary_words import register_known_words
from treatments.describe.lexicon import everyday_words
from treatments.describe.selectors import description_read, sign_named

register_known_words(everyday_words)


@register_describer
def describe_signs(query: str, dropped: tuple[str, ...], added: str) -> Described | None:
    """The conditions that can cause the signs a description names."""
    if not settings.DESCRIBE_SIGNS:
        return None
    return description_read(
        query=query,
        dropped=dropped,
        added=added,
        include_everyday=settings.DESCRIBE_EVERYDAY_PHRASES,
    )


@register_sign_namer
def name_sign(query: str) -> str | None:
    """The sign a short everyday phrase names ("floppy baby" -> Hypotonia)."""
    if not settings.DESCRIBE_SIGNS:
        return None
    return sign_named(query, include_everyday=settings.DESCRIBE_EVERYDAY_PHRASES)
