"""Not collected by a run (no `test_` prefix): test_index_per_test_run.py runs it in a pytest of
its own, beside a live site's index, as the kind of test that fills the configured OpenSearch
index and clears it again (a contract fixture's rebuild and drop, a worker deleting rows)."""

from __future__ import annotations

from search.backends.base import load_backend
from tests.search.rows import indexed_doc


def test_fill_the_configured_index_then_clear_it() -> None:
    backend = load_backend()
    assert backend.name == "opensearch", "run with OPENSEARCH_URL set"
    docs = [indexed_doc("condition", n, f"Test condition {n}") for n in (1, 2, 3)]
    backend.rebuild(("condition",), [docs], [])
    backend.delete("condition", [1, 2])
    backend.drop_all()
