"""/api/v1/treatments/ gives the same ranked, explained list as the page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.treatments.conftest import kb  # noqa: F401 - the shared knowledge base fixture


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def test_variant_search_returns_ranked_results_with_reasons(kb) -> None:  # noqa: F811
    response = APIClient().get("/api/v1/treatments/", {"variant": "DMD deletion of exons 48-50"})
    assert response.status_code == 200
    body = response.json()
    top = body["results"][0]
    assert top["therapy_name"] == "eteplirsen"
    assert top["tier"] == "variant"
    assert top["modality"] == "antisense_oligonucleotide"
    assert top["status"] == "fda_approved"
    assert any("exon 51" in reason for reason in top["reasons"])
    assert "Not medical advice" in body["disclaimer"]


def test_gene_search_and_filters(kb) -> None:  # noqa: F811
    body = (
        APIClient()
        .get("/api/v1/treatments/", {"gene": "SMN1", "modality": ["aav_gene_therapy"]})
        .json()
    )
    assert [r["therapy_name"] for r in body["results"]] == ["onasemnogene abeparvovec"]


def test_malformed_variant_is_a_400_with_the_message(kb) -> None:  # noqa: F811
    response = APIClient().get("/api/v1/treatments/", {"variant": "c.12345Q>Z"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert "Could not read the variant" in error["fields"]["variant"][0]


def test_no_input_is_a_400(db) -> None:
    response = APIClient().get("/api/v1/treatments/")
    assert response.status_code == 400
    assert "at least one" in str(response.json()["error"])
