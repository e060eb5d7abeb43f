"""The `backend` fixture: the same contract runs on PostgreSQL always, and on OpenSearch when
OPENSEARCH_URL is set (otherwise those cases skip and say why).

The data is committed once per backend (module scope) and removed afterwards, so the
rebuild-while-searching case can use real concurrent connections; each test still runs in a
transaction that is rolled back (`django_db`), so a test's own writes never leak.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import override_settings

from content.models import Article
from knowledge.models import Condition, Gene, Phenotype, Therapy, Variant
from literature.models import Publication
from search.indexer import rebuild, suspend_signals
from search.models import SearchEntry, SearchSynonym, SearchTerm
from tests.search.contract.data import build_search_data
from trials.models import ClinicalTrial

OPENSEARCH = "search.backends.opensearch.backend.OpenSearchBackend"
POSTGRES = "search.backends.postgres.backend.PostgresBackend"


def _clear() -> None:
    with suspend_signals():
        for model in (
            Variant,
            Therapy,
            Condition,
            Gene,
            Phenotype,
            ClinicalTrial,
            Publication,
            Article,
            SearchEntry,
            SearchSynonym,
            SearchTerm,
        ):
            model.objects.all().delete()


def _settings_for(name: str) -> dict[str, str]:
    if name == "postgres":
        return {"SEARCH_BACKEND": POSTGRES, "OPENSEARCH_URL": ""}
    return {
        "SEARCH_BACKEND": OPENSEARCH,
        "OPENSEARCH_URL": os.environ["OPENSEARCH_URL"],
        # Under the run's own prefix (tests/parallel.py), which the run drops when it ends.
        "OPENSEARCH_INDEX_PREFIX": f"{settings.OPENSEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}",
    }


@pytest.fixture(scope="module", params=["postgres", "opensearch"])
def backend(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker
) -> Iterator[str]:
    """The backend under test, with the contract data committed and indexed."""
    if request.param == "opensearch" and not os.environ.get("OPENSEARCH_URL"):
        pytest.skip(
            "OpenSearch contract skipped: OPENSEARCH_URL is not set (run `make opensearch`)"
        )
    overrides = _settings_for(request.param)
    with django_db_blocker.unblock(), override_settings(**overrides):
        _clear()
        with suspend_signals():
            build_search_data()
        rebuild(progress=False)  # the OpenSearch rebuild warms its new index before the swap
        yield request.param
        if request.param == "opensearch":
            from search.backends.opensearch.backend import OpenSearchBackend

            OpenSearchBackend().drop_all()
        _clear()
