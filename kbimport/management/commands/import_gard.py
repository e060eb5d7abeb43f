"""Enrich conditions from NIH GARD (a folder with GARD.csv and GARD_xrefs.csv)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from kbimport.importers.commands import SourceImportCommand, download
from kbimport.importers.common import ImportTally
from kbimport.importers.gard import import_gard

GARD_FILES = ("GARD.csv", "GARD_xrefs.csv")


class Command(SourceImportCommand):
    help = "Import NIH GARD: GARD ids, synonyms and exact OMIM-Orphanet mappings."
    url_setting = "GARD_DATA_URL"
    relink_therapies = True

    def run_import(self, path: Path) -> ImportTally:
        return import_gard(path=path)

    def handle(self, *args: object, **options: object) -> None:
        if options.get("path") is None:
            # The setting is a folder URL: fetch each file into one local folder.
            from django.conf import settings

            folder = settings.VAR_DIR / "downloads" / "gard"
            for name in GARD_FILES:
                download(settings.GARD_DATA_URL.rstrip("/") + "/" + name, folder / name)
            options["path"] = folder
        elif not Path(str(options["path"])).is_dir():
            raise CommandError(f"{options['path']}: expected a folder holding {GARD_FILES}")
        super().handle(*args, **options)
