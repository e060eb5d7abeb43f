"""Import the FDA orphan approvals export (bundled 2022-01 copy, --path, or settings' URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from kbimport.importers.commands import SourceImportCommand, print_summary, search_index_rebuild
from kbimport.importers.common import search_signals_suspended
from kbimport.importers.fda_orphan import DEFAULT_FILE, import_fda_orphan, orphan_counts_line
from kbimport.sources.common import SourceFileError


class Command(SourceImportCommand):
    help = "Import FDA orphan approvals: therapies, approved indications and condition links."
    url_setting = "FDA_ORPHAN_APPROVALS_URL"
    filename = "fda_orphan_approvals.csv"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--bundled", action="store_true", help=f"Import the bundled copy ({DEFAULT_FILE.name})."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["bundled"]:
            options["path"] = DEFAULT_FILE
        path = Path(options["path"]) if options["path"] else None
        if path is None:
            from django.conf import settings

            if not settings.FDA_ORPHAN_APPROVALS_URL:
                raise CommandError(
                    "no FDA_ORPHAN_APPROVALS_URL set: pass --path with the CSV the FDA's search "
                    "page exports, or --bundled for the bundled January 2022 copy"
                )
            return super().handle(*args, **options)
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            with search_signals_suspended():
                result = import_fda_orphan(path=path)
        except SourceFileError as exc:
            raise CommandError(str(exc)) from exc
        print_summary(self, result.tally)
        self.stdout.write(result.match_line())
        self.stdout.write(orphan_counts_line())
        if not options["no_index"]:
            search_index_rebuild(self)

    def run_import(self, path: Path) -> Any:
        result = import_fda_orphan(path=path)
        self.stdout.write(result.match_line())
        return result.tally
