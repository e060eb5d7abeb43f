"""A rebuilt OpenSearch index answers its first search slowly (it loads its files and facet
tables: over the site's 2 s timeout on a busy node). The rebuild makes that search itself, on the
new index, before the alias moves to it, so no family's search is the first."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.test import override_settings

from search.backends.opensearch.backend import OpenSearchBackend
from search.indexer import rebuild
from tests.search.contract.conftest import _settings_for


@pytest.mark.django_db
def test_the_new_index_is_searched_before_the_alias_moves_to_it() -> None:
    if not os.environ.get("OPENSEARCH_URL"):
        pytest.skip(
            "OpenSearch contract skipped: OPENSEARCH_URL is not set (run `make opensearch`)"
        )
    with override_settings(**_settings_for("opensearch")):
        opensearch = OpenSearchBackend()
        try:
            _check_the_order(opensearch)
        finally:
            opensearch.drop_all()


def _check_the_order(opensearch: OpenSearchBackend) -> None:
    calls: list[tuple[str, str]] = []
    search, swap = opensearch.client.search, opensearch.client.indices.update_aliases

    def searched(*args: Any, **kwargs: Any) -> Any:
        calls.append(("search", str(kwargs.get("index"))))
        return search(*args, **kwargs)

    def swapped(*args: Any, **kwargs: Any) -> Any:
        added = [a["add"]["index"] for a in kwargs["body"]["actions"] if "add" in a]
        calls.append(("swap", added[0]))
        return swap(*args, **kwargs)

    # The real node answers every call; the wrappers only note the order.
    opensearch.client.search = searched
    opensearch.client.indices.update_aliases = swapped
    rebuild(progress=False, backends=[opensearch])
    swaps = [i for i, (kind, _) in enumerate(calls) if kind == "swap"]
    assert len(swaps) == 1, calls
    new_index = calls[swaps[0]][1]
    assert ("search", new_index) in calls[: swaps[0]], calls


@pytest.mark.django_db
def test_a_warm_up_the_node_refuses_does_not_fail_the_rebuild(caplog) -> None:
    """The node answers the warm-up with an error (here: no such index): the rebuild goes on."""
    if not os.environ.get("OPENSEARCH_URL"):
        pytest.skip(
            "OpenSearch contract skipped: OPENSEARCH_URL is not set (run `make opensearch`)"
        )
    with override_settings(**_settings_for("opensearch")):
        opensearch = OpenSearchBackend()
        with caplog.at_level("WARNING", logger="search.backends.opensearch.backend"):
            opensearch._warm(f"{opensearch.alias}-never-made")
        assert "warming the new index" in caplog.text
