"""Refresh from saved responses served on 127.0.0.1, for a demonstration without internet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import override_settings

from ingest.replay import ReplayServer, load_directory
from ingest.runs import run_summary
from ingest.upstreams import upstreams_refresh
from knowledge.models import Condition


class Command(BaseCommand):
    help = (
        "Serve saved CT.gov and PubMed responses from DIRECTORY (laid out like the shared data "
        "folder: ctgov/studies_list*.json, ctgov/studies/NCT*.json, pubmed/efetch*.xml) on "
        "127.0.0.1 and refresh one condition from them. Every saved record counts as a match."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--condition", required=True, help="Condition id or primary id.")
        parser.add_argument("--full", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory")
        condition = _condition(options["condition"])
        data = load_directory(directory)
        self.stdout.write(
            f"serving {len(data.studies)} studies and {len(data.articles)} articles from "
            f"{directory} for {condition}"
        )
        # The refreshers read their upstream URLs from settings: point them at the replay.
        with (
            ReplayServer(data) as server,
            override_settings(
                CTGOV_API_URL=server.ctgov_url,
                PUBMED_EUTILS_URL=server.pubmed_url,
                PUBMED_EMAIL="demo@localhost",
            ),
        ):
            runs = upstreams_refresh(condition_id=condition.pk, full=options["full"])
        for line in run_summary(runs):
            self.stdout.write(line)


def _condition(value: str) -> Condition:
    lookup = {"pk": int(value)} if value.isdigit() else {"primary_id": value}
    try:
        return Condition.objects.get(**lookup)
    except Condition.DoesNotExist as exc:
        raise CommandError(f"no condition {value}") from exc
