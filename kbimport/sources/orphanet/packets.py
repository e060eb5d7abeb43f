"""Parse Orphanet ORPHApackets (one JSON document per disorder), from a folder or a .tar.gz."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbimport.sources.common import (
    BadField,
    Progress,
    ProgressCallback,
    SourceFileError,
    SourceRowError,
    file_size,
)
from kbimport.sources.orphanet.records import (
    OrphaDisorderRecord,
    OrphaGene,
    OrphaPhenotype,
    OrphaPrevalence,
    OrphaXref,
)

_NO_DATA = "no data"


@dataclass(frozen=True, slots=True)
class _Packet:
    name: str
    data: bytes


def _entries(value: Any, key: str) -> list[dict[str, Any]]:
    """Flatten the shapes packets use for lists: {key: [..]}, [{key: {..}}], [{..}], 'no data'."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    found: list[dict[str, Any]] = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        inner = entry.get(key, entry)
        if isinstance(inner, list):
            found.extend(i for i in inner if isinstance(i, dict))
        elif isinstance(inner, dict):
            found.append(inner)
    return found


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if not text or text.lower() == _NO_DATA else text


def _synonyms(value: Any) -> tuple[str, ...]:
    entries = value if isinstance(value, list) else [value]
    return tuple(
        s for e in entries if isinstance(e, dict) and (s := _text(e.get("Synonym"))) is not None
    )


def _gene(gene: dict[str, Any]) -> OrphaGene:
    refs = {
        r.get("Source"): r.get("Reference")
        for r in _entries(gene.get("ExternalReferences"), "ExternalReference")
    }
    hgnc = _text(refs.get("HGNC"))
    return OrphaGene(
        symbol=str(gene.get("Symbol", "")).strip(),
        name=_text(gene.get("Name") or gene.get("Label")),
        hgnc_id=f"HGNC:{hgnc}" if hgnc and not hgnc.startswith("HGNC:") else hgnc,
        association_type=_text(gene.get("DisorderGeneAssociationType")),
        status=_text(gene.get("DisorderGeneAssociationStatus")),
        xrefs=tuple((str(k), str(v)) for k, v in refs.items() if k and v),
    )


def _values(packet: dict[str, Any], outer: str, inner: str) -> tuple[str, ...]:
    return tuple(v for e in _entries(packet.get(outer), inner) if (v := _text(e.get("value"))))


def parse_packet(document: dict[str, Any]) -> OrphaDisorderRecord:
    """Build a disorder record from one decoded ORPHApacket document."""
    packet = document.get("Orphapacket")
    if not isinstance(packet, dict):
        raise BadField("Orphapacket", "no 'Orphapacket' object")
    code = str(packet.get("ORPHAcode", "")).strip()
    if not code.isdigit():
        raise BadField("ORPHAcode", f"not an ORPHAcode: {code!r}")
    label = _text(packet.get("Label"))
    if label is None:
        raise BadField("Label", f"ORPHA:{code} has no label")
    text = packet.get("TextSection") or {}
    kind = packet.get("DisorderType") or {}
    xrefs = _entries(packet.get("ExternalReferences"), "ExternalReference")
    return OrphaDisorderRecord(
        orpha_code=int(code),
        name=label,
        disorder_type=_text(kind.get("value")) if isinstance(kind, dict) else None,
        disorder_group=None,
        synonyms=_synonyms(packet.get("Synonyms")),
        definition=_text(text.get("Contents")) if isinstance(text, dict) else None,
        url=_text(packet.get("PURL")),
        xrefs=tuple(
            OrphaXref(
                str(x.get("Source")),
                str(x.get("Reference")),
                _text(x.get("DisorderMappingRelation")),
            )
            for x in xrefs
            if x.get("Source") and x.get("Reference")
        ),
        genes=tuple(_gene(g) for g in _entries(packet.get("Genes"), "Gene")),
        phenotypes=tuple(
            OrphaPhenotype(str(p["HPOId"]), _text(p.get("HPOTerm")), _text(p.get("HPOFrequency")))
            for p in _entries(packet.get("Phenotypes"), "Phenotype")
            if p.get("HPOId")
        ),
        prevalence=tuple(
            OrphaPrevalence(
                type=_text(p.get("PrevalenceType")),
                qualification=_text(p.get("PrevalenceQualification")),
                prevalence_class=_text(p.get("PrevalenceClass")),
                mean_value=_text(p.get("ValMoy")),
                geographic=_text(p.get("PrevalenceGeographic")),
                source=_text(p.get("Source")),
            )
            for p in _entries(packet.get("Prevalences"), "Prevalence")
        ),
        age_of_onset=_values(packet, "AverageAgeOfOnsets", "AverageAgeOfOnset"),
        inheritance=_values(packet, "TypeOfInheritances", "TypeOfInheritance"),
        parents=tuple(
            int(p["ORPHAcode"])
            for p in _entries(packet.get("Parents"), "Parent")
            if str(p.get("ORPHAcode", "")).isdigit()
        ),
        children=tuple(
            int(c["ORPHAcode"])
            for c in _entries(packet.get("Children"), "Child")
            if str(c.get("ORPHAcode", "")).isdigit()
        ),
        version=_text(packet.get("version")),
        date=_text(packet.get("creationDate")),
    )


def _iter_tar(path: Path, progress: Progress) -> Iterator[_Packet]:
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the with block below
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot open: {exc}") from exc
    with raw:
        try:
            # "r|*" streams member by member: no index of members, no member kept after reading.
            archive = tarfile.open(fileobj=raw, mode="r|*")  # noqa: SIM115 - closed below
        except (OSError, tarfile.TarError) as exc:
            raise SourceFileError(f"{path}: cannot open archive: {exc}") from exc
        with archive:
            try:
                for member in archive:
                    if not member.isfile() or not member.name.endswith(".json"):
                        continue
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield _Packet(f"{path}:{member.name}", handle.read())
                    progress.update(raw.tell())
            except (OSError, EOFError, tarfile.TarError) as exc:
                raise SourceFileError(f"{path}: cannot read archive: {exc}") from exc


def _iter_folder(path: Path, progress: Progress) -> Iterator[_Packet]:
    done = 0
    for file in sorted(path.glob("*.json")):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise SourceFileError(f"{file}: cannot read: {exc}") from exc
        done += len(data)
        yield _Packet(str(file), data)
        progress.update(done)


def iter_orphapackets(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[OrphaDisorderRecord | SourceRowError]:
    """Yield one record per ORPHApacket in a folder of JSON files or a (gzipped) tarball."""
    path = Path(path)
    if path.is_dir():
        total: int | None = sum(f.stat().st_size for f in path.glob("*.json"))
        packets = _iter_folder(path, progress := Progress(on_progress, total))
    elif path.exists():
        packets = _iter_tar(path, progress := Progress(on_progress, file_size(path)))
    else:
        raise SourceFileError(f"{path}: no such file or folder")
    for packet in packets:
        try:
            document = json.loads(packet.data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            yield SourceRowError(packet.name, line, None, f"bad JSON: {exc}")
            continue
        try:
            yield parse_packet(document)
        except BadField as exc:
            yield SourceRowError(packet.name, None, exc.field, exc.message)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            yield SourceRowError(packet.name, None, None, f"unexpected packet shape: {exc!r}")
    progress.finish(progress.total or 0)
