"""Build the bundled knowledge pack (knowledge/data/pack/) from the official source files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kbimport.importers.commands import download, source_path
from kbimport.importers.pack_build import (
    DEFAULT_PACK_DIR,
    SOURCES,
    PackInputMissing,
    PackSource,
    find_input,
    knowledge_pack_build,
)
from kbimport.sources.common import SourceFileError

# Per-source overrides: --orphapackets FILE_OR_FOLDER, --hgnc FILE, --mim2gene FILE, --gard FOLDER.
_OVERRIDES = {"orphanet": "orphapackets", "hgnc": "hgnc", "mim2gene": "mim2gene", "gard": "gard"}


class Command(BaseCommand):
    help = (
        "Build the knowledge pack from a local data folder (--path) or the official downloads "
        "(URLs in settings): Orphanet, HGNC, OMIM mim2gene ids, NIH GARD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, help="A folder holding the source files.")
        parser.add_argument("--out", type=Path, default=DEFAULT_PACK_DIR, help="Pack folder.")
        parser.add_argument(
            "--gard-date",
            type=dt.date.fromisoformat,
            help="The day the GARD files were published (they state none): YYYY-MM-DD.",
        )
        for option in _OVERRIDES.values():
            parser.add_argument(f"--{option}", type=Path, help=f"Use this {option} input.")

    def handle(self, *args: Any, **options: Any) -> None:
        inputs = {source.key: self._inputs(source, options) for source in SOURCES}
        urls = {s.key: getattr(settings, s.url_setting) for s in SOURCES if not options["path"]}
        try:
            manifest = knowledge_pack_build(
                inputs=inputs,
                out=options["out"],
                urls=urls,
                dates={"gard": options["gard_date"]} if options["gard_date"] else {},
                on_step=self.stdout.write,
            )
        except SourceFileError as exc:
            raise CommandError(str(exc)) from exc
        size = sum(
            meta["bytes"] for s in manifest["sources"].values() for meta in s["files"].values()
        )
        self.stdout.write(f"knowledge pack written to {options['out']}: {size / 1e6:.1f} MB")

    def _inputs(self, source: PackSource, options: dict[str, Any]) -> dict[str, Path]:
        override = options[_OVERRIDES[source.key]]
        if override is not None:
            if not override.exists():
                raise CommandError(f"{override}: no such file or folder")
            if source.key == "gard":
                return {name: override / name for name in source.inputs}
            return {next(iter(source.inputs)): override}
        if options["path"] is not None:
            try:
                return {n: find_input(options["path"], p) for n, p in source.inputs.items()}
            except PackInputMissing as exc:
                raise CommandError(str(exc)) from exc
        if source.key == "gard":
            folder = settings.VAR_DIR / "downloads" / "gard"
            base = getattr(settings, source.url_setting).rstrip("/")
            return {name: download(f"{base}/{name}", folder / name) for name in source.inputs}
        return {next(iter(source.inputs)): source_path(None, source.url_setting)}
