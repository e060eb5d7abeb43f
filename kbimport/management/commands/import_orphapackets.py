"""Enrich conditions from Orphanet's ORPHApackets (a folder of JSON files or the .tar.gz)."""

from __future__ import annotations

from pathlib import Path

from kbimport.importers.commands import SourceImportCommand, print_summary
from kbimport.importers.common import ImportTally
from kbimport.importers.omim_types import omim_types_import
from kbimport.importers.orphanet import import_orphapackets
from kbimport.sources.orphanet import iter_orphapackets


class Command(SourceImportCommand):
    help = "Import Orphanet ORPHApackets: names, synonyms, facts, genes, phenotypes, OMIM links."
    url_setting = "ORPHAPACKETS_URL"
    relink_therapies = True

    def run_import(self, path: Path) -> ImportTally:
        tally = import_orphapackets(path=path)
        # The OMIM entries Orphanet maps as narrower (BTNT) become the disease's types.
        print_summary(self, omim_types_import(
            records=lambda bar: iter_orphapackets(path, bar), scope=path.name
        ))  # fmt: skip
        return tally
