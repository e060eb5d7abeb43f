"""The bundled knowledge pack: parsed source records as gzip JSON Lines, plus a manifest.

Each line is one record of a source parser's dataclass, with empty fields left out. The files are
written with a fixed gzip header (no timestamp), so rebuilding from the same inputs gives the same
bytes, and renamed into place only when complete.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import types
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from kbimport.sources.common import BadField, SourceFileError, SourceRowError
from kbimport.sources.gard import GardDiseaseRecord, GardXrefRecord
from kbimport.sources.hgnc import HgncGeneRecord
from kbimport.sources.omim import Mim2GeneRecord
from kbimport.sources.orphanet import OrphaDisorderRecord

PACK_FORMAT = 1
MANIFEST = "manifest.json"
# File name -> the record type of its lines.
PACK_FILES: dict[str, type] = {
    "orphanet.jsonl.gz": OrphaDisorderRecord,
    "hgnc.jsonl.gz": HgncGeneRecord,
    "mim2gene.jsonl.gz": Mim2GeneRecord,
    "gard_diseases.jsonl.gz": GardDiseaseRecord,
    "gard_xrefs.jsonl.gz": GardXrefRecord,
}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _encode(v)
            for f in dataclasses.fields(value)
            if (v := getattr(value, f.name)) is not None and v != ()
        }
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(kind: Any, value: Any, name: str) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        return _decode(next(a for a in get_args(kind) if a is not type(None)), value, name)
    if origin is tuple:
        if not isinstance(value, list):
            raise BadField(name, f"expected a list, found {type(value).__name__}")
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, name) for v in value)
        return tuple(_decode(a, v, name) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise BadField(name, f"expected an object, found {type(value).__name__}")
        hints = _hints(kind)
        return kind(
            **{
                f.name: _decode(hints[f.name], value[f.name], f.name)
                if f.name in value
                else _empty(hints[f.name], f.name)
                for f in dataclasses.fields(kind)
            }
        )
    if isinstance(kind, type) and not isinstance(value, kind):
        raise BadField(name, f"expected {kind.__name__}, found {value!r}")
    return value


def _empty(kind: Any, name: str) -> Any:
    if get_origin(kind) is tuple:
        return ()
    if type(None) in get_args(kind):
        return None
    raise BadField(name, "missing")


def record_from_json(kind: type, data: Any) -> Any:
    """Rebuild a record of dataclass ``kind`` from its decoded JSON object."""
    return _decode(kind, data, kind.__name__)


def write_records(path: Path, records: Iterable[Any]) -> dict[str, Any]:
    """Write records as gzip JSON Lines (atomically); return their count, bytes and sha256."""
    partial = path.with_name(path.name + ".part")
    count = 0
    with partial.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        for record in records:
            line = json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"))
            out.write(line.encode() + b"\n")
            count += 1
    os.replace(partial, path)
    return {"records": count, "bytes": path.stat().st_size, "sha256": file_sha256(path)}


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_pack_records(path: Path) -> Iterator[Any]:
    """Yield each record of one pack file (a bad line becomes a SourceRowError)."""
    kind = PACK_FILES.get(path.name)
    if kind is None:
        raise SourceFileError(f"{path}: not a knowledge pack file")
    if not path.is_file():
        raise SourceFileError(f"{path}: no such pack file")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    yield record_from_json(kind, json.loads(line))
                except json.JSONDecodeError as exc:
                    yield SourceRowError(str(path), number, None, f"bad JSON: {exc}")
                except BadField as exc:
                    yield SourceRowError(str(path), number, exc.field, exc.message)
    except (OSError, EOFError) as exc:
        raise SourceFileError(f"{path}: cannot read: {exc}") from exc


def read_manifest(folder: Path) -> dict[str, Any]:
    """The pack's manifest; a missing or foreign one is a SourceFileError."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SourceFileError(f"{path}: cannot read the pack manifest: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != PACK_FORMAT:
        raise SourceFileError(f"{path}: not a format-{PACK_FORMAT} knowledge pack manifest")
    return manifest
