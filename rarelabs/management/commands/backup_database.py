"""Dump the database to a file (pg_dump custom format); docs/operations.md has the details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rarelabs.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Write a pg_dump -Fc backup of the configured database (embedded or DATABASE_URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="The dump file to write, e.g. backup.dump")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = database_backup(output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"wrote {path} ({path.stat().st_size} bytes)")
