"""Embed the names of the annotated signs for the meaning reader (once per data version)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from treatments.describe.name_vectors import name_vectors_get, vectors_folder


class Command(BaseCommand):
    help = (
        "Write the sentence encoder's vectors of every annotated sign's names under the var "
        "folder (minutes on a new HPO release; nothing when this data's file exists)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        vectors = name_vectors_get(build=True)
        if vectors is None:  # only when not built: a build always returns them
            raise CommandError("embed_sign_names: no vectors were built")
        self.stdout.write(
            f"embed_sign_names: {len(vectors.names)} names of {len(vectors.terms)} signs "
            f"({vectors.digest}) in {vectors_folder()}, {time.perf_counter() - started:.1f} s"
        )
