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
from collections.abc import Callable, Iterable, Iterator
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


Decoder = Callable[[Any, str], Any]
_MISSING = object()


@cache
def _decoder(kind: Any) -> Decoder:
    """A decoder for one type, built once: the per-field type analysis is not redone per line."""
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        inner = _decoder(next(a for a in get_args(kind) if a is not type(None)))
        return lambda value, name: None if value is None else inner(value, name)
    if origin is tuple:
        return _tuple_decoder(get_args(kind))
    if dataclasses.is_dataclass(kind):
        return _record_decoder(kind)
    if isinstance(kind, type):

        def plain(value: Any, name: str) -> Any:
            if not isinstance(value, kind):
                raise BadField(name, f"expected {kind.__name__}, found {value!r}")
            return value

        return plain
    return lambda value, name: value


def _listed(value: Any, name: str) -> list:
    if not isinstance(value, list):
        raise BadField(name, f"expected a list, found {type(value).__name__}")
    return value


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda value, name: tuple(item(v, name) for v in _listed(value, name))
    items = tuple(_decoder(a) for a in args)
    return lambda value, name: tuple(
        d(v, name) for d, v in zip(items, _listed(value, name), strict=True)
    )


def _record_decoder(kind: type) -> Decoder:
    hints = get_type_hints(kind)
    fields = [(f.name, _decoder(hints[f.name]), _empty(hints[f.name]))
              for f in dataclasses.fields(kind)]  # fmt: skip

    def record(value: Any, name: str) -> Any:
        if not isinstance(value, dict):
            raise BadField(name, f"expected an object, found {type(value).__name__}")
        values = {}
        for field_name, decode, empty in fields:
            if field_name in value:
                values[field_name] = decode(value[field_name], field_name)
            elif empty is _MISSING:
                raise BadField(field_name, "missing")
            else:
                values[field_name] = empty
        return kind(**values)

    return record


def _empty(kind: Any) -> Any:
    """The value an omitted field stands for (empty fields are left out when writing)."""
    if get_origin(kind) is tuple:
        return ()
    if type(None) in get_args(kind):
        return None
    return _MISSING


def record_from_json(kind: type, data: Any) -> Any:
    """Rebuild a record of dataclass ``kind`` from its decoded JSON object."""
    return _decoder(kind)(data, kind.__name__)


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


def iter_pack_records(path: Path, only: tuple[str, ...] | None = None) -> Iterator[Any]:
    """Yield each record of one pack file (a bad line becomes a SourceRowError).

    ``only`` decodes just those fields (the others read as empty): a pass that needs a few
    fields skips the cost of building the rest.
    """
    kind = PACK_FILES.get(path.name)
    if kind is None:
        raise SourceFileError(f"{path}: not a knowledge pack file")
    if not path.is_file():
        raise SourceFileError(f"{path}: no such pack file")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    data = json.loads(line)
                    if only is not None and isinstance(data, dict):
                        data = {key: data[key] for key in only if key in data}
                    yield record_from_json(kind, data)
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
