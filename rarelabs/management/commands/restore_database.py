"""Restore a backup_database dump (pg_restore --clean); docs/operations.md has the details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rarelabs.backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Restore a dump into the configured database, replacing its contents (or --into NEW)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dump", type=Path, help="A file written by backup_database")
        parser.add_argument("--into", help="Create this new database and restore into it.")

    def handle(self, *args: Any, **options: Any) -> None:
        dump: Path = options["dump"]
        if not dump.is_file():
            raise CommandError(f"no dump at {dump}")
        try:
            database_restore(dump=dump, name=options["into"], create=bool(options["into"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {dump} into {options['into'] or 'the configured database'}")
