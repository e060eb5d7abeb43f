"""Celery wrappers for saved-case upkeep."""

from __future__ import annotations

from celery import shared_task

from cases.services import cases_alerts_send, cases_expired_delete
from rarelabs.task_retry import DATABASE_RETRY


# Each case is one transaction, its email sent just before it commits: a rerun skips the
# cases already told and sends again only if that commit is what the outage cut.
@shared_task(**DATABASE_RETRY)
def cases_alerts_send_task() -> int:
    return cases_alerts_send()


@shared_task(**DATABASE_RETRY)
def cases_expired_delete_task() -> int:
    return cases_expired_delete()
