"""Treatments' part in search: the description path (signs -> conditions), the everyday words
for signs that spelling correction must leave alone, and where a condition's treatments are
(for a question about them), registered with the search framework the way documents are."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from search.describers import Described, register_describer, register_sign_namer
from search.ordinary_words import register_known_words
from search.pointers import TreatmentLinks, register_treatment_links
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
        include_meaning=settings.DESCRIBE_MEANING,
    )


@register_sign_namer
def name_sign(query: str) -> str | None:
    """The sign a short everyday phrase names ("floppy baby" -> Hypotonia)."""
    if not settings.DESCRIBE_SIGNS:
        return None
    return sign_named(query, include_everyday=settings.DESCRIBE_EVERYDAY_PHRASES)


@register_treatment_links
def condition_treatment_links(condition_id: str) -> TreatmentLinks:
    """One condition's treatments and studies: the page in plain words (the search box is a
    family's as much as a doctor's; it links the doctors' list), and the API's search."""
    query = urlencode({"condition": condition_id})
    return TreatmentLinks(
        url=f"{reverse('treatments:search')}?{query}&view=family",
        api_url=f"{reverse('api:treatments')}?{query}",
    )
