"""Template helpers for the public pages."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def jsonld(data: object) -> SafeString:
    """A JSON-LD block, escaped like json_script so text can never close the script element."""
    block = json_script(data)
    return SafeString(block.replace('type="application/json"', 'type="application/ld+json"', 1))
