"""Load the Markdown articles into the database (idempotent by slug)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from content.services import DEFAULT_ARTICLES_DIR, articles_load


class Command(BaseCommand):
    help = "Create or update articles from Markdown files with YAML front matter."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=DEFAULT_ARTICLES_DIR)

    def handle(self, *args: object, **options: object) -> None:
        result = articles_load(directory=options["dir"])
        for item in result.results:
            missing = [*item.missing_conditions, *item.missing_therapies]
            if missing:
                self.stdout.write(
                    f"{item.slug}: not in the knowledge base yet: {', '.join(missing)}"
                )
        self.stdout.write(
            f"articles: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
