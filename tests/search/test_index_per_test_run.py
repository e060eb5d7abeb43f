"""A test run beside a live site on one OpenSearch node leaves the site's index alone: the run
names its own indexes under the site's prefix (tests/parallel.py) and drops them when it ends.

Was: the run used the site's alias (`<OPENSEARCH_INDEX_PREFIX>-search`), so its rebuilds, deletes
and drops, and its Celery workers' reindexing, wrote to the index a live site or a benchmark read.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest

from search.backends.opensearch.backend import OpenSearchBackend
from tests._shared import REPO
from tests.search.rows import indexed_doc

pytestmark = pytest.mark.opensearch
OPENSEARCH = "search.backends.opensearch.backend.OpenSearchBackend"
# The outer run's own: the inner run is a run of its own, on one process.
OUTER_ONLY = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID")


@pytest.fixture
def site(settings) -> Iterator[OpenSearchBackend]:
    """A live site's index on the node: three documents behind `<prefix>-search`."""
    url = os.environ.get("OPENSEARCH_URL")
    if not url:
        pytest.skip("OPENSEARCH_URL not set: start a node with `make opensearch`")
    settings.SEARCH_BACKEND = OPENSEARCH
    settings.OPENSEARCH_URL = url
    # Under this run's prefix, so the run drops it even if the test stops half-way.
    settings.OPENSEARCH_INDEX_PREFIX = (
        f"{settings.OPENSEARCH_INDEX_PREFIX}-site{uuid.uuid4().hex[:6]}"
    )
    backend = OpenSearchBackend()
    docs = [indexed_doc("condition", n, f"Site condition {n}") for n in (1, 2, 3)]
    backend.rebuild(("condition",), [docs], [])
    yield backend
    backend.client.indices.delete(
        index=f"{settings.OPENSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True
    )


def test_a_run_that_clears_its_index_leaves_the_sites_index_alone(
    site: OpenSearchBackend, settings
) -> None:
    prefix = settings.OPENSEARCH_INDEX_PREFIX
    before = sorted(site.client.indices.get(index=f"{prefix}-*"))
    # The developer's shell: the site's node and prefix, as `make run` and `make test` read them.
    env = {key: value for key, value in os.environ.items() if key not in OUTER_ONLY}
    env["OPENSEARCH_INDEX_PREFIX"] = prefix
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "tests/search/fills_and_clears_an_index.py"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    # The site's index is the one it was, whole, and the run left no index of its own behind.
    assert sorted(site.client.indices.get(index=f"{prefix}-*")) == before
    assert site.counts() == {"condition": 3}
