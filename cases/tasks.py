"""Celery wrappers for saved-case upkeep."""

from __future__ import annotations

from celery import shared_task

from cases.services import cases_alerts_send, cases_expired_delete


@shared_task
def cases_alerts_send_task() -> int:
    return cases_alerts_send()


@shared_task
def cases_expired_delete_task() -> int:
    return cases_expired_delete()
