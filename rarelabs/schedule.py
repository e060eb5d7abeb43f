"""Celery beat's schedule, built from settings when the app is finalized."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def beat_schedule() -> dict[str, dict[str, object]]:
    """Trials daily and literature weekly by default (REFRESH_*_EVERY_HOURS)."""
    return {
        "refresh-trials-due": {
            "task": "trials.tasks.trials_refresh_due_task",
            "schedule": timedelta(hours=settings.REFRESH_TRIALS_EVERY_HOURS),
        },
        "refresh-literature-due": {
            "task": "literature.tasks.literature_refresh_due_task",
            "schedule": timedelta(hours=settings.REFRESH_LITERATURE_EVERY_HOURS),
        },
        "cases-alerts": {
            "task": "cases.tasks.cases_alerts_send_task",
            "schedule": timedelta(hours=settings.CASES_ALERTS_EVERY_HOURS),
        },
        "cases-expired-delete": {
            "task": "cases.tasks.cases_expired_delete_task",
            "schedule": timedelta(hours=24),
        },
    }
