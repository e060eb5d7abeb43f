"""Loaded before Django's settings (`-p tests.parallel` in pyproject.toml), so what it sets in the
environment is what the settings, and every Celery worker a test starts, read:

- under pytest-xdist each worker process gets its own four Redis databases, as it gets its own
  test database, so one worker's FLUSHDB, throttle counters or Celery queue never reach another's;
- every test process (each run, each xdist worker) gets its own OpenSearch index prefix, under
  the one the environment names, and drops its indexes when it ends: a run beside a live site or
  a benchmark on the same node never writes to, deletes from or replaces the site's index.
"""

from __future__ import annotations

import os
import uuid

import pytest

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... set before plugins load
if _worker.startswith("gw"):
    # Databases 0-3 stay the developer's own site's; workers take 4-7, 8-11, 12-15.
    index = int(_worker[2:])
    if index > 2:
        raise RuntimeError("at most three test workers share one Redis (-n 3)")
    os.environ["REDIS_DB_BASE"] = str(4 * (index + 1))

# The site's prefix ("rarelabs" unless set) names the live alias `<prefix>-search`; a test run
# reached it through the settings, and through its Celery workers, which index every save.
_site_prefix = os.environ.get("OPENSEARCH_INDEX_PREFIX") or "rarelabs"
TEST_INDEX_PREFIX = "-".join(
    part for part in (_site_prefix, "test", uuid.uuid4().hex[:8], _worker) if part
)
os.environ["OPENSEARCH_INDEX_PREFIX"] = TEST_INDEX_PREFIX


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop every index this process made (its own alias's and its modules' `<prefix>-*`)."""
    url = os.environ.get("OPENSEARCH_URL")
    if not url:
        return
    from opensearchpy import OpenSearch
    from opensearchpy.exceptions import OpenSearchException

    client = OpenSearch(hosts=[url], timeout=30)
    try:
        client.indices.delete(index=f"{TEST_INDEX_PREFIX}-*", ignore_unavailable=True)
    except OpenSearchException as exc:  # a node stopped before the run ended: nothing to drop
        print(f"tests: could not drop the run's OpenSearch indexes {TEST_INDEX_PREFIX}-*: {exc}")
    finally:
        client.close()
