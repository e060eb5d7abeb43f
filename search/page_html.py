"""The search page's two long lists as HTML, built in Python (issue 14 item 10, third pass).

A cold search page rendered ~150 template variables, most of them in the twenty hits and the
facet options; joining them with `format_html` costs a fraction of the template engine's work
per variable. The markup, whitespace included, is what `search/search_page.html`'s loops gave
(the page's HTML is byte for byte the same); every value is escaped as the template escaped it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from search.request import Hit

_HIT = (
    '\n      <li class="search-hit search-hit-{}">\n        <a href="{}">{}</a>\n'
    '        <span class="search-hit-meta">{} · {}</span>\n        {}\n      </li>\n      '
)
_OPTION = "\n          <li>{} ({})</li>\n          "
_CHOSEN = '<a href="{}" aria-current="true" title="Remove this filter">{} ✕</a>'
_OTHER = '<a href="{}">{}</a>'


class _Option(Protocol):
    label: str
    count: int
    url: str
    selected: bool
    bound: str


def _count(option: _Option) -> str | int:
    # A count past the cap reads "more than 1,000"; an exact one is shown as it always was.
    return f"{option.bound} {option.count:,}" if option.bound else option.count


_ALSO = '\n        <p class="search-hit-also">Same name, also in: {}</p>'
_TWIN = '<a href="{}">{}</a>'
_SOURCE = {"phenotype": "the list of signs"}


def _hit_html(hit: Hit) -> SafeString:
    # The snippet is already safe HTML (ts_headline over escaped text), as `|safe` showed it.
    snippet = format_html("<p>{}</p>", mark_safe(hit.snippet)) if hit.snippet else ""  # noqa: S308
    if hit.also:
        # The same disease in another source, or the sign named as it is: one link each.
        twins = (format_html(_TWIN, t.url, _SOURCE.get(t.doc_type, t.id)) for t in hit.also)
        snippet = format_html("{}{}", snippet, format_html(_ALSO, mark_safe(", ".join(twins))))  # noqa: S308
    return format_html(_HIT, hit.doc_type, hit.url, hit.name, hit.doc_type, hit.id, snippet)


def hits_html(hits: Iterable[Hit]) -> SafeString:
    """The `<li>` of each hit, as the template's loop gave them."""
    return mark_safe("".join(_hit_html(hit) for hit in hits))  # noqa: S308 - format_html parts


def facet_options_html(options: Iterable[_Option]) -> SafeString:
    """The `<li>` of each facet option: a chosen one's link removes it."""
    return mark_safe(  # noqa: S308 - every part below went through format_html
        "".join(
            format_html(
                _OPTION,
                format_html(_CHOSEN if option.selected else _OTHER, option.url, option.label),
                _count(option),
            )
            for option in options
        )
    )
