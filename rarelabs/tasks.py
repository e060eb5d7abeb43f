"""Tasks that belong to the site as a whole."""

from __future__ import annotations

import os

from celery import shared_task
from django.db import connection


# No database retry: a probe reports an outage at once instead of waiting it out.
@shared_task
def health_ping_task() -> dict[str, object]:
    """Answer from the worker: its pid and the database it reaches (a smoke test of the stack)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        (database,) = cursor.fetchone()
    return {"pid": os.getpid(), "database": database}
