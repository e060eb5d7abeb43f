"""Treatments' part in search: the description path (signs -> conditions), registered with the
search framework the way documents are."""

from __future__ import annotations

from django.conf import settings

from search.describers import Described, IdentifierNotice, register_describer, register_resolver
from treatments.describe.identifiers import identifier_notice
from treatments.describe.selectors import description_read


@register_describer
def describe_signs(query: str, dropped: tuple[str, ...], added: str) -> Described | None:
    """The conditions that can cause the signs a description names."""
    if not getattr(settings, "DESCRIBE_SIGNS", True):
        return None
    everyday = getattr(settings, "DESCRIBE_EVERYDAY_PHRASES", True)
    return description_read(query=query, dropped=dropped, added=added, include_everyday=everyday)


@register_resolver
def resolve_identifier(
    query: str, identifier: str | None, variant: str | None
) -> IdentifierNotice | None:
    """The trial, paper or variant an identifier names, or where to look it up."""
    return identifier_notice(query=query, identifier=identifier, variant=variant)
