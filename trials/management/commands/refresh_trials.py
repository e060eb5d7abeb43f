"""Refresh clinical trials now: one condition, or every due condition."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest.runs import run_summary, runs_failed
from trials.refresh import trials_refresh, trials_refresh_due


class Command(BaseCommand):
    help = "Refresh trials from ClinicalTrials.gov for one condition (by id) or all due ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--condition", type=int, help="Condition id; default: all due.")
        parser.add_argument("--full", action="store_true", help="Ignore the last run's date.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["condition"] is not None:
            runs = [trials_refresh(condition_id=options["condition"], full=options["full"])]
        else:
            runs = trials_refresh_due()
        for line in run_summary(runs):
            self.stdout.write(line)
        failed = runs_failed(runs)
        if failed:
            raise CommandError(f"{len(failed)} of {len(runs)} refresh run(s) failed")
