"""Enrich genes from HGNC's complete set (symbols, names, aliases, ids, location)."""

from __future__ import annotations

from pathlib import Path

from kbimport.importers.commands import SourceImportCommand
from kbimport.importers.common import ImportTally
from kbimport.importers.genes import import_hgnc


class Command(SourceImportCommand):
    help = "Import HGNC's complete set: update stored genes and add every approved gene."
    url_setting = "HGNC_COMPLETE_SET_URL"

    def run_import(self, path: Path) -> ImportTally:
        return import_hgnc(path=path)
