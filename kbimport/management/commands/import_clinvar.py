"""Import ClinVar variants from a VCV XML release or a tabular export."""

from __future__ import annotations

from pathlib import Path

from kbimport.importers.clinvar import import_clinvar
from kbimport.importers.commands import SourceImportCommand
from kbimport.importers.common import ImportTally


class Command(SourceImportCommand):
    help = "Import ClinVar variants (VCV XML or tabular export) with HGVS names and search keys."
    url_setting = "CLINVAR_VCV_URL"

    def run_import(self, path: Path) -> ImportTally:
        return import_clinvar(path=path)
