"""Enrich conditions from Orphanet's ORPHApackets (a folder of JSON files or the .tar.gz)."""

from __future__ import annotations

from pathlib import Path

from kbimport.importers.commands import SourceImportCommand
from kbimport.importers.common import ImportTally
from kbimport.importers.orphanet import import_orphapackets


class Command(SourceImportCommand):
    help = "Import Orphanet ORPHApackets: names, synonyms, facts, genes, phenotypes, OMIM links."
    url_setting = "ORPHAPACKETS_URL"
    relink_therapies = True

    def run_import(self, path: Path) -> ImportTally:
        return import_orphapackets(path=path)
