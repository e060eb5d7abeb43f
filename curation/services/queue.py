"""Enqueue a Celery task once the current transaction commits."""

from __future__ import annotations

from typing import Any

from celery import Task
from django.db import transaction


def task_enqueue(
    *, task: Task, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None
) -> None:
    """Queue `task` when the current transaction commits, so the worker sees what it wrote."""
    call_kwargs = dict(kwargs or {})
    transaction.on_commit(lambda: task.delay(*args, **call_kwargs))
