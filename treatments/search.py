"""Treatments' part in search: the description path (signs -> conditions), registered with the
search framework the way documents are."""

from __future__ import annotations

from django.conf import settings

from search.describers import Described, register_describer
from treatments.describe.selectors import description_read


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
