"""Import the curated therapy candidates file (kbimport/data/therapy_candidates.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kbimport.importers.commands import print_summary
from kbimport.importers.common import search_signals_suspended
from kbimport.importers.therapies import import_therapies
from kbimport.therapy_file import DEFAULT_THERAPY_FILE, TherapyFileError


class Command(BaseCommand):
    help = "Import curated therapies and their condition, gene and variant-scope links."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_THERAPY_FILE,
            help="The therapy candidates JSON file.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with search_signals_suspended():
                tally = import_therapies(path=options["path"])
        except TherapyFileError as exc:
            raise CommandError(str(exc)) from exc
        print_summary(self, tally)
