"""Serve the whole site: gunicorn, a Celery worker and beat (what `make run` calls)."""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from rarelabs.supervisor import (
    DEFAULT_WORKERS,
    THREADS_PER_WORKER,
    SiteAddress,
    prepare,
    running_site,
    serve,
)


class Command(BaseCommand):
    help = "Migrate, load the bundled data on first run, then serve web + worker + beat."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
        parser.add_argument(
            "--threads", type=int, default=THREADS_PER_WORKER,
            help="Threads per web worker: each slow client holds one thread, not a worker.",
        )  # fmt: skip
        parser.add_argument(
            "--keep-embedded",
            action="store_true",
            help="Leave the embedded PostgreSQL and Redis running afterwards.",
        )

    def handle(self, *args: object, **options: object) -> None:
        already = running_site()
        if already:
            raise CommandError(f"the site is already running (pid {already[0]}) at {already[1]}")
        prepare()
        address = SiteAddress(str(options["host"]), int(options["port"]))
        code = serve(
            address,
            workers=int(options["workers"]),
            threads=int(options["threads"]),
            stop_embedded=not options["keep_embedded"],
        )
        if code:
            raise CommandError("the site stopped because a process exited")
