"""The condition page's longest loop, its table of signs, as HTML built in Python (issue 14
item 10, third pass): up to 25 rows of six template variables and filters each were a large
share of a cold page's render. The markup, whitespace included, is what the template's loop
gave (the page is byte for byte the same), every value escaped as the template escaped it.
Its eight source lists likewise (fifth pass): each was a template include, about a third of
the page's render after its rows came from one statement.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Protocol

from django.utils.dateformat import format as date_format
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


class _Note(Protocol):
    source: str
    source_id: str
    retrieved_on: datetime.date | None
    url: str


_SOURCES = '\n<details class="sources">\n  <summary>Sources</summary>\n  <ul>\n    {}\n  </ul>\n</details>\n\n'


def _note(note: _Note) -> SafeString:
    where = format_html('<a href="{}">{}</a>', note.url, note.source) if note.url else note.source
    which = note.source_id if note.source_id and note.source_id != note.source else ""
    return format_html(
        "\n    <li>{}{}{}</li>\n    ",
        where,
        format_html(" ({})", which) if which else "",
        format_html(", retrieved {}", date_format(note.retrieved_on, "j M Y"))
        if note.retrieved_on
        else "",
    )


def sources_html(notes: list[_Note]) -> SafeString:
    """A section's "Sources" list: where each fact came from and when it was read."""
    if not notes:
        return mark_safe("\n")  # noqa: S308 - what the template gave for no notes
    return format_html(_SOURCES, mark_safe("".join(_note(n) for n in notes)))  # noqa: S308
