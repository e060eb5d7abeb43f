"""Loaded before Django's settings (`-p tests.parallel` in pyproject.toml): under pytest-xdist
each worker process gets its own four Redis databases, as it gets its own test database, so one
worker's FLUSHDB, throttle counters or Celery queue never reach another's."""

from __future__ import annotations

import os

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... set before plugins load
if _worker.startswith("gw"):
    # Databases 0-3 stay the developer's own site's; workers take 4-7, 8-11, 12-15.
    index = int(_worker[2:])
    if index > 2:
        raise RuntimeError("at most three test workers share one Redis (-n 3)")
    os.environ["REDIS_DB_BASE"] = str(4 * (index + 1))
