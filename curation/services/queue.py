"""Enqueue a Celery task once the current transaction commits, tolerating tasks not yet written."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def task_enqueue(
    *, task_path: str, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None
) -> bool:
    """Queue `task_path` ("module.task_name") on commit; False (and a log line) if it is missing."""
    module_name, _, task_name = task_path.rpartition(".")
    # Imported lazily: the worker tasks live in apps that other changes fill in.
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        logger.warning("task %s not enqueued: module %s is not available", task_path, module_name)
        return False
    task = getattr(module, task_name, None)
    if task is None or not hasattr(task, "delay"):
        logger.warning("task %s not enqueued: %s has no such task", task_path, module_name)
        return False
    call_kwargs = dict(kwargs or {})
    transaction.on_commit(lambda: task.delay(*args, **call_kwargs))
    return True
