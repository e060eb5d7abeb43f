"""What the import commands share: where the input comes from, the summary, the search rebuild."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest.errors import IngestError
from ingest.http import fetch
from kbimport.importers.common import ImportTally, describe_error, search_signals_suspended
from kbimport.importers.therapies import import_therapies
from kbimport.sources.common import SourceFileError, SourceRowError

_SHOWN_ERRORS = 20
logger = logging.getLogger(__name__)


def source_path(path: Path | None, url_setting: str, filename: str | None = None) -> Path:
    """The local input: ``path`` when given, else a download of the URL in ``url_setting``."""
    if path is not None:
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
        return path
    url = getattr(settings, url_setting)
    name = filename or Path(urlsplit(url).path).name or url_setting.lower()
    return download(url, settings.VAR_DIR / "downloads" / name)


def download(url: str, target: Path) -> Path:
    """Stream ``url`` to ``target`` through the project's retry policy; one-line error if not."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with requests.Session() as session:
            response = fetch(session, "GET", url, stream=True, timeout=(10.0, 120.0))
            try:
                with partial.open("wb") as out:
                    for chunk in response.iter_content(1 << 20):
                        out.write(chunk)
            finally:
                response.close()
    except (IngestError, requests.RequestException, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise CommandError(
            f"cannot download {url}: {exc}. Pass --path with a local copy instead."
        ) from exc
    # Renamed only when complete: a broken download never looks like a good file.
    partial.replace(target)
    return target


def print_summary(command: BaseCommand, tally: ImportTally) -> None:
    """Write the malformed rows (the first few) and the one-line summary."""
    for error in tally.errors[:_SHOWN_ERRORS]:
        command.stderr.write(f"skipped {describe_error_dict(error)}")
    hidden = tally.skipped["malformed row"] - min(len(tally.errors), _SHOWN_ERRORS)
    if hidden > 0:
        command.stderr.write(f"... and {hidden} more malformed rows (see the RefreshRun)")
    command.stdout.write(tally.summary_line())


def describe_error_dict(error: dict[str, object]) -> str:
    """'file:line: field: message' for an error kept on a tally."""
    return describe_error(
        SourceRowError(
            str(error["file"]),
            error["line"],  # type: ignore[arg-type]
            error["field"],  # type: ignore[arg-type]
            str(error["message"]),
        )
    )


def search_index_rebuild(command: BaseCommand) -> bool:
    """Rebuild the search index when the search package provides its command; True if it did."""
    if "search_index" in get_commands():
        try:
            call_command("search_index", "rebuild", stdout=command.stdout, stderr=command.stderr)
        except Exception as exc:  # the index is rebuilt from PostgreSQL later
            # The imported data is committed; a failed rebuild must not fail the import.
            logger.exception("search index rebuild failed after an import")
            command.stderr.write(
                f"search index not rebuilt ({exc.__class__.__name__}: {exc}); "
                "run `manage.py search_index rebuild`"
            )
            return False
        return True
    command.stdout.write("search index not rebuilt: no search_index command yet")
    return False


class SourceImportCommand(BaseCommand):
    """An enrichment command: ``--path`` or a download of the official URL, then the summary."""

    url_setting = ""
    filename: str | None = None
    relink_therapies = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, help=f"A local copy (default: download "
                            f"settings.{self.url_setting}).")  # fmt: skip
        parser.add_argument(
            "--no-index", action="store_true", help="Do not rebuild the search index afterwards."
        )

    def run_import(self, path: Path) -> ImportTally:
        """Import from ``path`` and return the tally (each command says how)."""
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        path = source_path(options["path"], self.url_setting, self.filename)
        try:
            with search_signals_suspended():
                tally = self.run_import(path)
                print_summary(self, tally)
                if self.relink_therapies:
                    # New names and merged ids may let unlinked therapy links find their condition.
                    print_summary(self, import_therapies())
        except SourceFileError as exc:
            raise CommandError(str(exc)) from exc
        if not options["no_index"]:
            search_index_rebuild(self)
