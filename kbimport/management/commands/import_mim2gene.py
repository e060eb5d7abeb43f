"""Set OMIM gene numbers on stored genes from OMIM's mim2gene.txt."""

from __future__ import annotations

from pathlib import Path

from kbimport.importers.commands import SourceImportCommand
from kbimport.importers.common import ImportTally
from kbimport.importers.genes import import_mim2gene


class Command(SourceImportCommand):
    help = "Import OMIM's mim2gene: the OMIM gene number of each stored gene."
    url_setting = "OMIM_MIM2GENE_URL"

    def run_import(self, path: Path) -> ImportTally:
        return import_mim2gene(path=path)
