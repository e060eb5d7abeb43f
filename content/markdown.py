"""Article Markdown to sanitized HTML, with heading ids for a table of contents."""

from __future__ import annotations

from dataclasses import dataclass

import markdown
import nh3

# Only what articles need: no scripts, styles, iframes, forms or event handlers survive.
_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "td": {"align"},
    "th": {"align", "scope"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    toc: tuple[TocEntry, ...]


def _flatten(tokens: list[dict], max_level: int) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for token in tokens:
        if token["level"] <= max_level:
            entries.append(TocEntry(token["level"], token["id"], token["name"]))
        entries.extend(_flatten(token.get("children", []), max_level))
    return entries


def _shift_headings(text: str) -> str:
    """Articles' own `#` headings become h2: the page title is the only h1."""
    lines = []
    in_code = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if not in_code and line.startswith("#") and not line.startswith("######"):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


def render_markdown(text: str, *, toc_depth: int = 3) -> RenderedMarkdown:
    """Render Markdown to sanitized HTML and list its h2/h3 headings for a table of contents."""
    has_h1 = any(line.startswith("# ") for line in text.splitlines())
    source = _shift_headings(text) if has_h1 else text
    engine = markdown.Markdown(
        extensions=["toc", "tables", "sane_lists", "fenced_code"],
        extension_configs={"toc": {"permalink": False, "toc_depth": "2-6"}},
        output_format="html",
    )
    raw_html = engine.convert(source)
    clean = nh3.clean(
        raw_html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    toc = _flatten(engine.toc_tokens, toc_depth)
    return RenderedMarkdown(html=clean, toc=tuple(toc))
