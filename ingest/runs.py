"""The RefreshRun lifecycle: start a run, count what happened, finish it with one log line.

Status rules: ``failed`` when the run stopped on an upstream or response error (nothing stored
is ever deleted); ``partial`` when it finished but skipped malformed records; ``ok`` otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from ingest.errors import IngestError, RecordParseError, UpstreamTransient
from ingest.models import RefreshRun, RunStatus

logger = logging.getLogger(__name__)

# The errors list is for people reading the admin; beyond this the count says the rest.
MAX_ERRORS_KEPT = 200
COUNTERS = ("fetched", "created", "updated", "unchanged", "failed")


def run_start(
    task: str, scope: str, mode: str = "incremental", since: dt.datetime | None = None
) -> RefreshRun:
    """Create a RefreshRun in the running state."""
    return RefreshRun.objects.create(task=task, scope=scope, mode=mode, since=since)


def run_count(run: RefreshRun, **counts: int) -> None:
    """Add to the run's counters in memory (saved by run_save_progress or run_finish)."""
    for name, value in counts.items():
        if name not in COUNTERS:
            raise ValueError(f"unknown counter {name!r}")
        setattr(run, name, getattr(run, name) + value)


def run_record_error(run: RefreshRun, error: RecordParseError) -> None:
    """Count one skipped malformed record and keep its id, field and message."""
    run.failed += 1
    logger.warning("%s %s: skipped record %s: %s", run.task, run.scope, error.record_id, error)
    _append_error(
        run,
        {"record_id": error.record_id, "field": error.field, "message": str(error)},
    )


def run_save_progress(run: RefreshRun) -> None:
    """Persist the counters so far (after each committed batch)."""
    run.save(update_fields=[*COUNTERS, "errors"])


def run_finish(run: RefreshRun, *, error: BaseException | None = None) -> RefreshRun:
    """Close the run: failed with ``error``, partial if records were skipped, else ok."""
    if error is not None:
        run.status = RunStatus.FAILED
        # Always kept, even past MAX_ERRORS_KEPT: it is why the run stopped.
        run.errors = [*run.errors, run_error_entry(error)]
    elif run.failed:
        run.status = RunStatus.PARTIAL
    else:
        run.status = RunStatus.OK
    run.finished_at = timezone.now()
    run.save()
    seconds = (run.finished_at - run.started_at).total_seconds()
    line = (
        f"{run.task} {run.scope} {run.mode} {run.status} in {seconds:.1f}s: "
        f"fetched={run.fetched} created={run.created} updated={run.updated} "
        f"unchanged={run.unchanged} failed={run.failed}"
    )
    if error is not None:
        logger.error("%s; error: %s", line, error)
    else:
        logger.info("%s", line)
    return run


def run_error_entry(error: BaseException) -> dict[str, object]:
    """Describe a run-stopping error for the run's errors list."""
    entry: dict[str, object] = {
        "error": type(error).__name__,
        "message": str(error),
        "transient": isinstance(error, UpstreamTransient),
    }
    if isinstance(error, IngestError) and getattr(error, "url", None):
        entry["url"] = error.url
    return entry


def run_failed_transiently(run: RefreshRun) -> bool:
    """True when the run failed on a transient upstream error worth retrying later."""
    return run.status == RunStatus.FAILED and any(
        isinstance(entry, dict) and entry.get("transient") for entry in run.errors
    )


def run_last_success(task: str, scope: str) -> RefreshRun | None:
    """The latest finished ok or partial run of ``task`` on ``scope``.

    Partial runs count: their skipped records are listed in the run and would be skipped again.
    """
    return (
        RefreshRun.objects.filter(task=task, scope=scope)
        .filter(Q(status=RunStatus.OK) | Q(status=RunStatus.PARTIAL))
        .order_by("-started_at")
        .first()
    )


def _append_error(run: RefreshRun, entry: dict[str, object]) -> None:
    if len(run.errors) < MAX_ERRORS_KEPT:
        run.errors = [*run.errors, entry]


def run_raise_if_transient(*runs: RefreshRun | None) -> None:
    """Raise UpstreamTransient if a run failed transiently, so a Celery task retries it."""
    for run in runs:
        if run is not None and run_failed_transiently(run):
            # The stored message already names the url; keep it for Celery without repeating it.
            error = UpstreamTransient(
                f"{run.task} {run.scope} failed: {run.errors[-1].get('message')}", url=None
            )
            error.url = run.errors[-1].get("url")
            raise error


def run_summary(runs: list[RefreshRun | None]) -> list[str]:
    """One line per run for a command's output (a skipped run says so)."""
    lines = []
    for run in runs:
        if run is None:
            lines.append("skipped: a refresh of this scope is already running")
            continue
        line = (
            f"{run.task} {run.scope}: {run.status} (fetched {run.fetched}, created {run.created},"
            f" updated {run.updated}, unchanged {run.unchanged}, failed {run.failed})"
        )
        if run.status == RunStatus.FAILED and run.errors:
            line += f" - {run.errors[-1].get('message')}"
        lines.append(line)
    return lines or ["nothing due"]


def runs_failed(runs: list[RefreshRun | None]) -> list[RefreshRun]:
    """The runs that failed, so a command can exit non-zero (cron and CI read the exit code)."""
    return [run for run in runs if run is not None and run.status == RunStatus.FAILED]


def runs_mark_interrupted(*, tasks: tuple[str, ...], scope: str | None = None) -> int:
    """Close runs left "running" by a process that died (kill, crash, reboot) as failed.

    Call it only while holding the lock that any live run of these tasks would hold, so a
    "running" run found here cannot belong to a live process.
    """
    stale = RefreshRun.objects.filter(task__in=tasks, status=RunStatus.RUNNING)
    if scope is not None:
        stale = stale.filter(scope=scope)
    entry = {"error": "Interrupted", "message": "the process stopped before the run finished",
             "transient": False}  # fmt: skip
    closed = 0
    for run in stale:
        run.status = RunStatus.FAILED
        run.finished_at = timezone.now()
        run.errors = [*run.errors, entry]
        run.save(update_fields=["status", "finished_at", "errors"])
        logger.warning("%s %s: marked interrupted (started %s)", run.task, run.scope,
                       run.started_at)  # fmt: skip
        closed += 1
    return closed
