"""The condition page's longest loop, its table of signs, as HTML built in Python (issue 14
item 10, third pass): up to 25 rows of six template variables and filters each were a large
share of a cold page's render. The markup, whitespace included, is what the template's loop
gave (the page is byte for byte the same), every value escaped as the template escaped it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

SIGNS_SHOWN = 25
_ROW = '\n        <tr><td><a href="{}">{}</a>{}</td><td>{}</td></tr>\n      '
_TERM = '<br><span class="meta">{}</span>'


class _Sign(Protocol):
    name: str
    term: str
    url: str
    how_often: str


def _row(sign: _Sign) -> SafeString:
    term = format_html(_TERM, sign.term) if sign.name != sign.term else ""
    # `|capfirst|default:"Not known"`: an empty frequency reads "Not known".
    how_often = capfirst(sign.how_often) or "Not known"
    return format_html(_ROW, sign.url, capfirst(sign.name), term, how_often)


def sign_rows_html(signs: Iterable[_Sign]) -> SafeString:
    """The `<tr>` of each sign shown (the first 25, most common first)."""
    return mark_safe("".join(_row(sign) for sign in signs))  # noqa: S308 - format_html parts
