"""Build the bundled knowledge pack from the official downloads (or local copies of them).

Each source is parsed by its own parser, reduced to what the importers use, and written as gzip
JSON Lines beside a manifest that records each source's version, date, licence, attribution,
input checksums and record counts. OMIM contributes identifiers only (mim2gene holds no text).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbimport.importers.genes import file_date
from kbimport.sources.common import SourceRowError
from kbimport.sources.gard import (
    GardDiseaseRecord,
    GardXrefRecord,
    iter_gard_diseases,
    iter_gard_xrefs,
)
from kbimport.sources.hgnc import HgncGeneRecord, iter_hgnc_genes
from kbimport.sources.omim import Mim2GeneRecord, iter_mim2gene, mim2gene_generated
from kbimport.sources.orphanet import OrphaDisorderRecord, iter_orphapackets
from kbimport.sources.pack import MANIFEST, PACK_FORMAT, file_sha256, write_records

DEFAULT_PACK_DIR = Path(__file__).resolve().parent.parent / "data" / "pack"
# The importers use only GARD's exact Orphanet and OMIM mappings.
_GARD_XREF_SOURCES = frozenset({"Orphanet", "OMIM"})
_MIM2GENE_TYPES = frozenset({"gene", "gene/phenotype"})


@dataclass(frozen=True)
class PackSource:
    """One source of the pack: where its files are found, its terms, and how to describe it."""

    key: str
    title: str
    home: str
    licence: str
    attribution: str
    url_setting: str
    # Input name -> glob patterns tried, in order, under a local data folder.
    inputs: dict[str, tuple[str, ...]]


SOURCES = (
    PackSource(
        "orphanet", "Orphanet ORPHApackets", "https://www.orpha.net/", "CC BY 4.0",
        "Orphanet: an online rare disease and orphan drug data base. Copyright INSERM 1999. "
        "Available on http://www.orpha.net. Data from the ORPHApackets, used under CC BY 4.0.",
        "ORPHAPACKETS_URL",
        {"orphapackets": ("orphanet/orphapackets_json_*.tar.gz", "orphapackets*.tar.gz",
                          "en_product_orphapackets.tar.gz")},
    ),
    PackSource(
        "hgnc", "HGNC complete set", "https://www.genenames.org/", "CC0 (free to reuse)",
        "HGNC Database, HUGO Gene Nomenclature Committee (HGNC), www.genenames.org.",
        "HGNC_COMPLETE_SET_URL",
        {"hgnc": ("hgnc/hgnc_complete_set.txt.gz", "hgnc_complete_set.txt.gz",
                  "hgnc/hgnc_complete_set.txt", "hgnc_complete_set.txt")},
    ),
    PackSource(
        "mim2gene", "OMIM mim2gene", "https://www.omim.org/",
        "OMIM terms of use (https://omim.org/help/agreement); identifiers only, no OMIM text",
        "OMIM mim2gene.txt, Johns Hopkins University: MIM numbers and their gene ids only.",
        "OMIM_MIM2GENE_URL",
        {"mim2gene": ("omim/mim2gene.txt", "mim2gene.txt")},
    ),
    PackSource(
        "gard", "NIH GARD", "https://rarediseases.info.nih.gov/",
        "U.S. government work (NIH/NCATS); Orphanet-derived names under CC BY 4.0",
        "Genetic and Rare Diseases Information Center (GARD), NCATS, NIH.",
        "GARD_DATA_URL",
        {"GARD.csv": ("gard/GARD.csv", "GARD.csv"),
         "GARD_xrefs.csv": ("gard/GARD_xrefs.csv", "GARD_xrefs.csv")},
    ),
)  # fmt: skip


class PackInputMissing(Exception):
    """A source file the pack needs is not in the data folder."""


def find_input(folder: Path, patterns: tuple[str, ...]) -> Path:
    """The first file (or folder) under ``folder`` matching one of ``patterns``."""
    for pattern in patterns:
        found = sorted(folder.glob(pattern))
        if found:
            return found[-1]  # the latest release when names carry a date
    raise PackInputMissing(f"{folder}: none of {', '.join(patterns)} found")


class _Counted:
    """Wrap a parser's output: keep records of ``kind`` that pass ``keep``, count the rest."""

    def __init__(
        self, items: Iterable[Any], kind: type, keep: Callable[[Any], bool] = lambda _r: True
    ) -> None:
        self.items, self.kind, self.keep = items, kind, keep
        self.skipped: Counter[str] = Counter()
        self.records: list[Any] = []

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            if isinstance(item, SourceRowError):
                self.skipped["malformed row"] += 1
            elif isinstance(item, self.kind) and self.keep(item):
                yield item
            else:
                self.skipped["not used by the importers"] += 1


def _orphanet(inputs: dict[str, Path], out: Path, dates: dict[str, dt.date]) -> dict[str, Any]:
    dates: set[str] = set()
    versions: set[str] = set()

    def keep(record: OrphaDisorderRecord) -> bool:
        dates.add((record.date or "")[:10])
        versions.add(record.version or "")
        return True

    # Sorted by code: a rebuild from the same release gives the same bytes.
    parsed = _Counted(iter_orphapackets(inputs["orphapackets"]), OrphaDisorderRecord, keep)
    records = sorted(parsed, key=lambda r: r.orpha_code)
    files = {"orphanet.jsonl.gz": write_records(out / "orphanet.jsonl.gz", records)}
    return {"version": max(versions - {""}, default=""), "date": max(dates - {""}, default=""),
            "files": files, "skipped": dict(parsed.skipped)}  # fmt: skip


def _hgnc(inputs: dict[str, Path], out: Path, dates: dict[str, dt.date]) -> dict[str, Any]:
    parsed = _Counted(iter_hgnc_genes(inputs["hgnc"]), HgncGeneRecord,
                      lambda r: r.status == "Approved")  # fmt: skip
    records = sorted(parsed, key=lambda r: int(r.hgnc_id.partition(":")[2]))
    latest = max((r.date_modified or "" for r in records), default="")
    return {"version": f"latest change {latest}" if latest else "", "date": latest,
            "files": {"hgnc.jsonl.gz": write_records(out / "hgnc.jsonl.gz", records)},
            "skipped": dict(parsed.skipped)}  # fmt: skip


def _mim2gene(inputs: dict[str, Path], out: Path, dates: dict[str, dt.date]) -> dict[str, Any]:
    path = inputs["mim2gene"]
    parsed = _Counted(
        iter_mim2gene(path), Mim2GeneRecord,
        lambda r: r.entry_type in _MIM2GENE_TYPES and bool(r.entrez_id or r.symbol),
    )  # fmt: skip
    generated = mim2gene_generated(path) or ""
    return {"version": f"generated {generated}" if generated else "", "date": generated,
            "files": {"mim2gene.jsonl.gz": write_records(out / "mim2gene.jsonl.gz", parsed)},
            "skipped": dict(parsed.skipped)}  # fmt: skip


def _gard(inputs: dict[str, Path], out: Path, dates: dict[str, dt.date]) -> dict[str, Any]:
    diseases = _Counted(iter_gard_diseases(inputs["GARD.csv"]), GardDiseaseRecord)
    xrefs = _Counted(
        iter_gard_xrefs(inputs["GARD_xrefs.csv"]), GardXrefRecord,
        lambda r: r.relation == "Exact" and r.source in _GARD_XREF_SOURCES,
    )  # fmt: skip
    files = {
        "gard_diseases.jsonl.gz": write_records(out / "gard_diseases.jsonl.gz", diseases),
        "gard_xrefs.jsonl.gz": write_records(out / "gard_xrefs.jsonl.gz", xrefs),
    }
    # The files state no release: the date given to the builder, else the day of the download.
    published = dates.get("gard")
    date = (published or file_date(inputs["GARD.csv"])).isoformat()
    version = f"published {date}" if published else f"retrieved {date}"
    return {"version": version, "date": date, "files": files,
            "skipped": dict(diseases.skipped + xrefs.skipped)}  # fmt: skip


_BUILDERS: dict[str, Callable[[dict[str, Path], Path, dict[str, dt.date]], dict[str, Any]]] = {
    "orphanet": _orphanet, "hgnc": _hgnc, "mim2gene": _mim2gene, "gard": _gard,
}  # fmt: skip


def _describe_input(path: Path) -> dict[str, Any]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file())
        return {
            "name": path.name,
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
        }
    return {"name": path.name, "bytes": path.stat().st_size, "sha256": file_sha256(path)}


def knowledge_pack_build(
    *,
    inputs: dict[str, dict[str, Path]],
    out: Path,
    urls: dict[str, str],
    dates: dict[str, dt.date] | None = None,
    on_step: Callable[[str], None] = lambda _line: None,
) -> dict[str, Any]:
    """Write every source's pack files and the manifest (last) into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    sources: dict[str, Any] = {}
    for source in SOURCES:
        found = inputs[source.key]
        built = _BUILDERS[source.key](found, out, dates or {})
        counts = {name: meta["records"] for name, meta in built["files"].items()}
        on_step(f"{source.title}: {counts} ({built['version'] or 'no version in file'})")
        sources[source.key] = {
            "title": source.title, "home": source.home, "licence": source.licence,
            "attribution": source.attribution, "download": urls.get(source.key, ""),
            "inputs": [_describe_input(p) for p in found.values()], **built,
        }  # fmt: skip
    manifest = {"format": PACK_FORMAT, "built_on": dt.datetime.now(dt.UTC).date().isoformat(),
                "sources": sources}  # fmt: skip
    # Written last and atomically: a pack without a manifest is never loaded.
    partial = out / (MANIFEST + ".part")
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, out / MANIFEST)
    return manifest
