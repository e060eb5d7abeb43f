"""`manage.py search_index rebuild|status [--doc-type X]`: one call each, then a summary."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.backends.base import BackendUnavailable, active_backends
from search.documents import doc_types
from search.indexer import rebuild
from search.status import search_status


class Command(BaseCommand):
    help = "Rebuild the search index (atomically, with a progress bar) or show its status."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "status"])
        parser.add_argument(
            "--doc-type",
            action="append",
            dest="doc_types",
            default=[],
            help="Only this document type (repeatable).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: object, **options: object) -> None:
        types = list(options["doc_types"])  # type: ignore[call-overload]
        unknown = sorted(set(types) - set(doc_types()))
        if unknown:
            raise CommandError(f"unknown doc type(s) {unknown}; known: {', '.join(doc_types())}")
        if options["action"] == "rebuild":
            result = rebuild(types or None, progress=not options["no_progress"])
            for backend, count in result.documents.items():
                self.stdout.write(f"{backend}: {count} documents in {result.seconds[backend]} s")
            for backend, error in result.errors.items():
                self.stderr.write(f"{backend}: rebuild failed: {error}")
            if result.errors:
                raise CommandError("rebuild failed on " + ", ".join(result.errors))
            return
        status = search_status()
        self.stdout.write(f"search: {status.state} ({status.backend}): {status.detail}")
        for backend in active_backends():
            try:
                counts = backend.counts()
            except BackendUnavailable as exc:
                self.stdout.write(f"  {backend.name}: unreachable ({exc})")
                continue
            wanted = types or list(doc_types())
            summary = ", ".join(f"{t} {counts.get(t, 0)}" for t in wanted)
            self.stdout.write(f"  {backend.name}: {summary}")
