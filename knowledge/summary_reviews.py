"""Keep the editors' queue of computer-written family summaries in step with the data.

A summary enters the queue when first generated. When a data change alters its text, the new
text replaces the old one and an approved summary goes back to the queue; an unchanged text
keeps its approval. An editor's rewrite lives in Condition.family_summary and is never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ingest.locks import RefreshLock, refresh_lock
from ingest.runs import (
    run_count,
    run_finish,
    run_save_progress,
    run_start,
    runs_mark_interrupted,
)
from knowledge.models import Condition, SummaryReview, SummaryReviewStatus
from knowledge.selectors import condition_list_for_summary
from knowledge.summaries import condition_generated_summary

BATCH = 500
TASK = "summary_reviews_sync"
ALL = "all conditions"


@dataclass(frozen=True)
class SummarySyncCounts:
    queued: int = 0  # new summaries, waiting for a first review
    requeued: int = 0  # approved summaries whose text changed
    changed: int = 0  # other stored texts brought up to date
    unchanged: int = 0
    skipped: bool = False  # a sync of all conditions was already running


def summary_reviews_sync(*, condition_ids: Iterable[int] | None = None) -> SummarySyncCounts:
    """Store each condition's current generated summary; requeue approved ones that changed.

    Recorded in the run log (created = newly queued, updated = texts that changed), batch by
    batch, so an editor sees it progress in the admin. A sync of all conditions holds a lock:
    a second one at the same time is skipped (its bulk inserts would collide with the first's).
    """
    if condition_ids is not None:
        ids = sorted(set(condition_ids))
        return _sync(ids, scope=f"{len(ids)} conditions")
    with refresh_lock(f"{TASK}:{ALL}") as lock:
        if lock is None:
            return SummarySyncCounts(skipped=True)
        # We hold the lock, so a run left "running" is dead: a worker killed, or the database
        # lost mid-run (its failure could not be written; the task retries, ingest/retry.py).
        runs_mark_interrupted(tasks=(TASK,), scope=ALL)
        ids = list(Condition.objects.order_by("pk").values_list("pk", flat=True))
        return _sync(ids, scope=ALL, lock=lock)


def _sync(ids: list[int], *, scope: str, lock: RefreshLock | None = None) -> SummarySyncCounts:
    run = run_start(TASK, scope, mode="full")
    totals = [0, 0, 0, 0]
    try:
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                counts = _sync_batch(ids[start : start + BATCH])
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            run_count(run, fetched=sum(counts), created=counts[0],
                      updated=counts[1] + counts[2], unchanged=counts[3])  # fmt: skip
            run_save_progress(run)
            if lock is not None:
                lock.extend()
    except BaseException as exc:
        run_finish(run, error=exc)
        raise
    run_finish(run)
    return SummarySyncCounts(*totals)


def _sync_batch(ids: list[int]) -> tuple[int, int, int, int]:
    now = timezone.now()
    new, changed = [], []
    queued = requeued = unchanged = 0
    for condition in condition_list_for_summary().filter(pk__in=ids):
        text = condition_generated_summary(condition).text
        try:
            review = condition.summary_review
        except SummaryReview.DoesNotExist:
            if text:
                new.append(
                    SummaryReview(condition=condition, generated_text=text, generated_at=now)
                )
                queued += 1
            continue
        if review.generated_text == text:
            unchanged += 1
            continue
        review.generated_text, review.generated_at = text, now
        if review.status == SummaryReviewStatus.APPROVED:
            # The text the editor approved is no longer what families would read.
            review.status = SummaryReviewStatus.WAITING
            requeued += 1
        changed.append(review)
    if new:
        bulk_create_with_history(new, SummaryReview, batch_size=BATCH)
    if changed:
        bulk_update_with_history(
            changed, SummaryReview, ["generated_text", "generated_at", "status"], batch_size=BATCH
        )
    return queued, requeued, len(changed) - requeued, unchanged
