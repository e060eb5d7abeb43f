"""Load the bundled knowledge pack into the database, one source (step) at a time.

A step is done when its RefreshRun for this exact pack file (scope "pack sha256:...") finished
ok; Orphanet's scope also names the importer's FACTS_VERSION, so changed facts reload it. Each
step commits batch by batch and is marked done only at its end, so a killed load redoes the
unfinished step on the next start; the importers upsert, so redoing converges on the same
rows. A source already imported directly (`make enrich`, a newer release) is not overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.models import RefreshRun, RunStatus
from kbimport.importers.common import ImportTally, last_good_run
from kbimport.importers.gard import TASK as GARD_TASK
from kbimport.importers.gard import gard_records_import
from kbimport.importers.genes import (
    HGNC_TASK,
    MIM2GENE_TASK,
    hgnc_records_import,
    mim2gene_records_import,
)
from kbimport.importers.omim_types import PACK_TASK as OMIM_TYPES_PACK_TASK
from kbimport.importers.omim_types import TASK as OMIM_TYPES_TASK
from kbimport.importers.omim_types import omim_types_import
from kbimport.importers.orphanet import FACTS_VERSION as ORPHANET_FACTS
from kbimport.importers.orphanet import TASK as ORPHANET_TASK
from kbimport.importers.orphanet import orphanet_records_import
from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.sources.common import SourceFileError
from kbimport.sources.pack import file_sha256, iter_pack_records, read_manifest

_DONE = [RunStatus.OK, RunStatus.PARTIAL]
PACK_TASKS = ("pack_orphanet", "pack_hgnc", "pack_mim2gene", "pack_gard", OMIM_TYPES_PACK_TASK)
# What the Orphanet types step reads of each record.
_TYPE_FIELDS = ("orpha_code", "name", "disorder_type", "disorder_group", "xrefs", "date")


@dataclass(frozen=True)
class PackStep:
    """One source of the pack: its run-log task, the scope naming this pack, how to import it."""

    key: str
    title: str
    task: str
    direct_task: str
    scope: str
    run: Callable[[], ImportTally]

    def done(self) -> bool:
        """Loaded from this pack, or imported straight from the source files already."""
        return (
            last_good_run(self.task, self.scope) is not None
            or RefreshRun.objects.filter(task=self.direct_task, status__in=_DONE).exists()
        )


def _reader(folder: Path, name: str) -> Callable[[Any], Any]:
    return lambda _bar: iter_pack_records(folder / name)


def _date(source: dict[str, Any]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(source.get("date", ""))[:10])
    except ValueError:
        return dt.datetime.now(dt.UTC).date()


def _checked(folder: Path, source: dict[str, Any]) -> str:
    """The step's scope; a file whose checksum differs from the manifest is refused."""
    for name, meta in source["files"].items():
        if file_sha256(folder / name) != meta["sha256"]:
            raise SourceFileError(f"{folder / name}: checksum differs from the pack manifest")
    return "pack " + " ".join(f"sha256:{m['sha256'][:16]}" for m in source["files"].values())


def pack_steps(folder: Path = DEFAULT_PACK_DIR) -> list[PackStep]:
    """The pack's load steps, in order: Orphanet, HGNC, mim2gene (needs genes), GARD, then
    Orphanet's OMIM types (the OMIM entries the HPO annotations and GARD's merges left)."""
    sources = read_manifest(folder)["sources"]
    orpha, hgnc, mim, gard = (sources[k] for k in ("orphanet", "hgnc", "mim2gene", "gard"))
    return [
        PackStep("orphanet", f"{orpha['title']} {orpha['date']}", "pack_orphanet",
                 ORPHANET_TASK, scope := f"{_checked(folder, orpha)} facts {ORPHANET_FACTS}",
                 lambda s=scope: orphanet_records_import(
                     records=_reader(folder, "orphanet.jsonl.gz"), scope=s, task="pack_orphanet",
                     xrefs=lambda: iter_pack_records(folder / "orphanet.jsonl.gz",
                                                     only=("orpha_code", "name", "xrefs")))),
        PackStep("hgnc", f"{hgnc['title']} {hgnc['date']}", "pack_hgnc", HGNC_TASK,
                 scope := _checked(folder, hgnc),
                 lambda s=scope: hgnc_records_import(
                     records=_reader(folder, "hgnc.jsonl.gz"), scope=s, retrieved=_date(hgnc),
                     task="pack_hgnc")),
        PackStep("mim2gene", f"{mim['title']} {mim['date']}", "pack_mim2gene", MIM2GENE_TASK,
                 scope := _checked(folder, mim),
                 lambda s=scope: mim2gene_records_import(
                     records=_reader(folder, "mim2gene.jsonl.gz"), scope=s,
                     task="pack_mim2gene")),
        PackStep("gard", f"{gard['title']} {gard['date']}", "pack_gard", GARD_TASK,
                 scope := _checked(folder, gard),
                 lambda s=scope: gard_records_import(
                     diseases=_reader(folder, "gard_diseases.jsonl.gz"),
                     xrefs=_reader(folder, "gard_xrefs.jsonl.gz"), scope=s,
                     retrieved=_date(gard), task="pack_gard")),
        PackStep("omim_types", f"{orpha['title']} OMIM types (BTNT)", OMIM_TYPES_PACK_TASK,
                 OMIM_TYPES_TASK, scope := _checked(folder, orpha),
                 lambda s=scope: omim_types_import(
                     records=lambda _bar: iter_pack_records(folder / "orphanet.jsonl.gz",
                                                            only=_TYPE_FIELDS),
                     scope=s, task=OMIM_TYPES_PACK_TASK)),
    ]  # fmt: skip
