"""What every knowledge-base importer shares: the tally, the run log, slugs, progress, search."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from django.utils.text import slugify

from ingest.models import RefreshRun, RunStatus
from ingest.rows import WriteOutcome
from ingest.runs import run_finish, run_start
from kbimport.sources.common import ProgressCallback, SourceRowError
from search.indexer import suspend_signals

logger = logging.getLogger(__name__)

T = TypeVar("T")
MAX_ERRORS_KEPT = 200
MALFORMED = "malformed row"


@dataclass
class ImportTally:
    """Counts of one import, by model and by skip reason, plus the malformed rows seen."""

    task: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    # Records written as usual that an editor should look at (not skipped: nothing was lost).
    noted: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    read: int = 0
    run: RefreshRun | None = None

    def add(self, label: str, outcome: WriteOutcome) -> None:
        """Count what a write did to rows of ``label`` (e.g. 'Condition')."""
        self.created[label] += outcome.created
        self.updated[label] += outcome.updated
        self.unchanged[label] += outcome.unchanged

    def skip(self, reason: str, count: int = 1) -> None:
        """Count records skipped for ``reason`` (not malformed: e.g. 'gene not in database')."""
        self.skipped[reason] += count

    def note(self, reason: str, count: int = 1) -> None:
        """Count records written as usual that an editor should look at for ``reason``."""
        self.noted[reason] += count

    def malformed(self, error: SourceRowError) -> None:
        """Count and keep one malformed source row (file and line), logged as a warning."""
        self.skipped[MALFORMED] += 1
        logger.warning("%s: skipped %s", self.task, describe_error(error))
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(
                {"file": error.file, "line": error.line, "field": error.field,
                 "message": error.message}
            )  # fmt: skip

    @property
    def totals(self) -> tuple[int, int, int]:
        """(created, updated, unchanged) over every model."""
        return sum(self.created.values()), sum(self.updated.values()), sum(self.unchanged.values())

    def checkpoint(self) -> None:
        """Save the counts so far on the run (after a committed batch)."""
        if self.run is not None:
            _copy_counts(self, self.run)
            self.run.save(update_fields=["fetched", "created", "updated", "unchanged", "failed"])

    def summary_line(self) -> str:
        """One line: totals, skips with reasons, then the per-model breakdown."""
        created, updated, unchanged = self.totals
        skipped = sum(self.skipped.values())
        reasons = "; ".join(f"{reason}: {n}" for reason, n in sorted(self.skipped.items()))
        labels = sorted({*self.created, *self.updated, *self.unchanged})
        detail = ", ".join(
            f"{label} +{self.created[label]} ~{self.updated[label]} ={self.unchanged[label]}"
            for label in labels
        )
        noted = "; ".join(f"{reason}: {n}" for reason, n in sorted(self.noted.items()))
        return (
            f"{self.task}: created {created}, updated {updated}, unchanged {unchanged}, "
            f"skipped {skipped}"
            + (f" ({reasons})" if reasons else "")
            + (f", for an editor ({noted})" if noted else "")
            + f" [{detail}]"
        )


def describe_error(error: SourceRowError) -> str:
    """'file:line: field: message' for a malformed row."""
    where = f"{error.file}:{error.line}" if error.line is not None else error.file
    return f"{where}: {error.field + ': ' if error.field else ''}{error.message}"


def _copy_counts(tally: ImportTally, run: RefreshRun) -> None:
    run.fetched = tally.read
    run.created, run.updated, run.unchanged = tally.totals
    run.failed = tally.skipped[MALFORMED]


@contextlib.contextmanager
def import_run(task: str, scope: str) -> Iterator[ImportTally]:
    """Record the import as a RefreshRun: counts, malformed rows, other skips; failed on error."""
    run = run_start(task, scope, mode="full")
    tally = ImportTally(task=task, run=run)
    try:
        yield tally
    except BaseException as exc:
        _finish(tally, run, exc)
        raise
    _finish(tally, run, None)


def _finish(tally: ImportTally, run: RefreshRun, error: BaseException | None) -> None:
    _copy_counts(tally, run)
    other = [
        {"skipped": reason, "count": n}
        for reason, n in tally.skipped.items()
        if reason != MALFORMED
    ]
    notes = [{"for_an_editor": reason, "count": n} for reason, n in tally.noted.items()]
    run.errors = [*tally.errors, *other, *notes]
    run_finish(run, error=error)
    if error is None and run.status == RunStatus.PARTIAL and not tally.skipped[MALFORMED]:
        run.status = RunStatus.OK
        run.save(update_fields=["status"])


def file_scope(path: Path | str) -> str:
    """The run scope of a curated file import, "sha256:<hex>": a changed file imports again."""
    return f"sha256:{hashlib.sha256(Path(path).read_bytes()).hexdigest()}"


def last_good_run(task: str, scope: str) -> RefreshRun | None:
    """The latest ok or partial run of ``task`` on exactly ``scope``."""
    return (
        RefreshRun.objects.filter(
            task=task, scope=scope, status__in=[RunStatus.OK, RunStatus.PARTIAL]
        )
        .order_by("-started_at")
        .first()
    )


def keep_records(batch: Iterable[Any], kind: type, tally: ImportTally) -> list[Any]:
    """Keep the records of ``kind`` (counted as read); count and report the malformed rows."""
    records = []
    for item in batch:
        if isinstance(item, SourceRowError):
            tally.malformed(item)
        elif isinstance(item, kind):
            records.append(item)
    tally.read += len(records)
    return records


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Split an iterable into lists of at most ``size`` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def unique_slug(
    name: str, ident: str, taken: set[str], *, with_id: bool = False, max_length: int = 200
) -> str:
    """A slug from the name (added to ``taken``); a name already taken gets its id appended."""
    tail = slugify(ident.replace(":", " "))  # "OMIM:154700" -> "omim-154700"
    base = slugify(name)[: max_length - 30].strip("-") or tail
    slug = f"{base}-{tail}" if with_id or base in taken else base
    counter = 2
    while slug in taken:
        slug = f"{base}-{tail}-{counter}"
        counter += 1
    taken.add(slug)
    return slug


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[ProgressCallback]:
    """A tqdm byte counter on a terminal (silent otherwise), fed by a parser's on_progress."""
    from tqdm import tqdm

    bar = tqdm(
        desc=description, unit="B", unit_scale=True, leave=False, disable=not sys.stderr.isatty()
    )

    def update(done: int, total: int | None) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def search_signals_suspended() -> contextlib.AbstractContextManager[Any]:
    """Suspend search-index signals during a bulk import."""
    return suspend_signals()
