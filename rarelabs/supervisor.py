"""`make run`: prepare the database, then run web, worker and beat until Ctrl-C.

Everything it starts it stops again, embedded servers included, so nothing is left behind.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands

from rarelabs import embedded
from rarelabs.startup import describe_services

logger = logging.getLogger("rarelabs.run")


@dataclass(frozen=True)
class SiteAddress:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _pid_file() -> Path:
    return settings.VAR_DIR / "run" / "site.pid"


def running_site() -> tuple[int, str] | None:
    """The pid and URL of a `make run` already serving this clone, if any."""
    try:
        pid_text, url = _pid_file().read_text().split(maxsplit=1)
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    # A pid file left by a killed run may name a pid the system has since given to another
    # process: only a live `run_site` counts.
    if not embedded._pid_is(pid, "run_site"):
        return None
    return pid, url.strip()


def prepare() -> None:
    """Migrate, load the bundled knowledge base (first run only) and collect static files."""
    call_command("migrate", interactive=False, verbosity=0)
    if "load_knowledge_base" in get_commands():
        call_command("load_knowledge_base")
    if "embed_sign_names" in get_commands():
        call_command("embed_sign_names")  # minutes after a new HPO release, else a file check
    first_refresh_enqueue()
    summary_queue_enqueue()
    call_command("collectstatic", interactive=False, verbosity=0)


def first_refresh_enqueue() -> list[str]:
    """On the first start, queue the trial and paper refreshes now, not a day or a week later.

    The worker started next takes them; offline, they fail into the run log and the condition
    pages keep linking to ClinicalTrials.gov's own search.
    """
    from ingest.models import RefreshRun
    from literature.tasks import literature_refresh_due_task
    from trials.tasks import trials_refresh_due_task

    queued = []
    for task, name in ((trials_refresh_due_task, "trials_refresh"),
                       (literature_refresh_due_task, "literature_refresh")):  # fmt: skip
        if not RefreshRun.objects.filter(task=name).exists():
            task.delay()
            queued.append(name)
    return queued


def summary_queue_enqueue() -> bool:
    """After a load newer than the last summary sync, let the worker refill the editors' queue.

    Composing ~12,000 summaries takes a minute or two: the site does not wait for it.
    """
    from django.db.models import Max

    from ingest.models import RefreshRun, RunStatus
    from knowledge.summary_reviews import ALL, TASK
    from knowledge.tasks import summary_reviews_sync_task

    loaded = RefreshRun.objects.filter(task="load_knowledge_base", status=RunStatus.OK).aggregate(
        at=Max("finished_at")
    )["at"]
    synced = RefreshRun.objects.filter(
        task=TASK, scope=ALL, status__in=[RunStatus.OK, RunStatus.PARTIAL]
    ).aggregate(at=Max("started_at"))["at"]
    if loaded is None or (synced is not None and synced > loaded):
        return False
    summary_reviews_sync_task.delay()
    return True


# gthread: a slow client holds one thread, not a whole worker (sync workers were all blocked by
# six slow clients). In production put a buffering proxy in front too (docs/operations.md).
THREADS_PER_WORKER = 16
DEFAULT_WORKERS = 3
# PostgreSQL connections per web worker, pooled for its threads (settings.DB_POOL_SIZE).
WEB_DB_POOL_SIZE = 4
# gunicorn's largest request line; api/middleware.py refuses addresses over 4000 with JSON.
GUNICORN_REQUEST_LINE_LIMIT = 8190
# The access log's line: method and path without the query string, and no referrer (which
# carries the previous page's query): a search box's query can be a family's own case.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms "%(a)s"'
ACCESS_LOGGER_CLASS = "cases.logfilters.CaseTokenAccessLogger"


def _commands(
    address: SiteAddress, workers: int, threads: int = THREADS_PER_WORKER
) -> dict[str, list[str]]:
    python = sys.executable
    bindir = Path(python).parent
    return {
        "web": [
            str(bindir / "gunicorn"),
            "rarelabs.wsgi:application",
            "--bind",
            f"{address.host}:{address.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            # A client that has not sent its request line and headers within this time is dropped.
            "--keep-alive",
            "5",
            # gunicorn's own 414 (default over 4094) is HTML; up to 8190 the API answers in JSON.
            "--limit-request-line",
            str(GUNICORN_REQUEST_LINE_LIMIT),
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            # A saved case's link is its key: the access log masks it as Django's log does.
            "--logger-class",
            ACCESS_LOGGER_CLASS,
            # Load the app (and its ~2 s reading-grade dictionary) once, then fork the workers.
            "--preload",
            "--graceful-timeout",
            "10",
            # No runtime control socket (gunicorn 25.1+): nothing here manages workers through
            # it, and every gunicorn of one user shares its default path, so two sites (tests
            # side by side, a second checkout) took each other's.
            "--no-control-socket",
            # Set before the app loads (also under --preload): the web server pools its
            # database connections; commands and Celery workers keep one connection each.
            "--env",
            f"RARELABS_DB_POOL_SIZE={WEB_DB_POOL_SIZE}",
        ],
        "worker": [
            str(bindir / "celery"),
            "-A",
            "rarelabs",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
        ],
        "beat": [
            str(bindir / "celery"),
            "-A",
            "rarelabs",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(settings.CELERY_BEAT_SCHEDULE_FILENAME),
        ],
    }


def serve(
    address: SiteAddress,
    *,
    workers: int = DEFAULT_WORKERS,
    threads: int = THREADS_PER_WORKER,
    stop_embedded: bool = True,
) -> int:
    """Run web, worker and beat together; return when one dies or on SIGINT/SIGTERM."""
    already = running_site()
    if already:
        logger.error("the site is already running (pid %s) at %s", *already)
        return 1
    _pid_file().parent.mkdir(parents=True, exist_ok=True)
    _pid_file().write_text(f"{os.getpid()} {address.url}")
    children: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

    def _stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        logger.info("starting: %s", describe_services())
        for name, command in _commands(address, workers, threads).items():
            # Own process groups: a Ctrl-C reaches us once, and we stop the children in order.
            children[name] = subprocess.Popen(command, start_new_session=True)  # noqa: S603
        logger.info("serving %s (web, worker, beat); Ctrl-C stops everything", address.url)
        while not stopping:
            exited = [name for name, child in children.items() if child.poll() is not None]
            if exited:
                logger.error("%s exited; stopping the others", ", ".join(exited))
                break
            time.sleep(0.5)
    finally:
        _terminate(children)
        _pid_file().unlink(missing_ok=True)
        if stop_embedded:
            _stop_embedded()
        logger.info("stopped")
    return 0 if stopping else 1


def _terminate(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    for name, child in children.items():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            logger.warning("%s did not stop in time; killing it", name)
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def _stop_embedded() -> None:
    from django.db import connections

    connections.close_all()
    if not settings.REDIS_URL:
        embedded.stop_redis(settings.VAR_DIR)
    if not settings.DATABASE_URL:
        embedded.stop_postgres(settings.VAR_DIR)
