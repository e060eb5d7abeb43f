"""Template helpers for the public pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def jsonld(data: object) -> SafeString:
    """A JSON-LD block, escaped like json_script so text can never close the script element."""
    block = json_script(data)
    return SafeString(block.replace('type="application/json"', 'type="application/ld+json"', 1))


@register.filter
def of_fields(values: Iterable[Any], fields: str) -> list[Any]:
    """Of a record's editor values (knowledge.editor_values.EditorValue), those of the fields
    the page states (space-separated names; all when none are named): a credit for a fact the
    page does not show would say nothing to the reader."""
    names = fields.split() if isinstance(fields, str) else []
    return [v for v in values if not names or v.field in names]
