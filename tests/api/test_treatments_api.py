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


def test_excluded_signs_age_and_sex_shape_the_ranked_conditions(kb) -> None:  # noqa: F811
    params = {
        "phenotypes": "HP:0008981, HP:0003236",
        "excluded_phenotypes": "HP:0003701",
        "age_months": "30",
        "sex": "male",
    }
    response = APIClient().get("/api/v1/treatments/", params)
    assert response.status_code == 200
    body = response.json()
    assert [p["hpo_id"] for p in body["excluded_phenotypes"]] == ["HP:0003701"]
    ranked = body["ranked_conditions"]
    assert {"absent", "excluded", "notes"} <= set(ranked[0])
    against = [rc for rc in ranked if rc["excluded"]]
    assert against, "proximal weakness is annotated on several muscle conditions"
    assert against[0]["excluded"][0]["query_hpo_id"] == "HP:0003701"


@pytest.mark.parametrize(
    ("field", "value"), [("age_months", "99999"), ("age_months", "-1"), ("sex", "other")]
)
def test_out_of_range_case_details_are_a_400(kb, field: str, value: str) -> None:  # noqa: F811
    response = APIClient().get("/api/v1/treatments/", {"phenotypes": "HP:0008981", field: value})
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_the_page_shows_ruled_out_signs_and_what_argues_against(client, kb) -> None:  # noqa: F811
    response = client.get(
        "/treatments",
        {"phenotypes": "HP:0008981, HP:0003236", "excluded_phenotypes": "HP:0003701",
         "age_months": "30", "sex": "male"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ruled out:" in html
    assert "Against: ruled out" in html
    assert 'name="age_months"' in html
    assert 'value="30"' in html
