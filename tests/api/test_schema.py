"""The OpenAPI schema generates without warnings and is served with a self-hosted docs page."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.core.management import call_command
from django.test import Client


def test_schema_generates_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    paths = schema["paths"]
    for resource in ("conditions", "genes", "phenotypes", "variants", "therapies", "trials",
                     "publications", "articles"):  # fmt: skip
        assert f"/api/v1/{resource}/" in paths
        assert f"/api/v1/{resource}/{{key}}/" in paths
    params = {p["name"]: p for p in paths["/api/v1/treatments/"]["get"]["parameters"]}
    assert {"condition", "gene", "variant", "phenotypes", "modality", "trial_phase"} <= set(params)
    assert all(p.get("description") for p in params.values())
    assert {"excluded_phenotypes", "age_months", "sex"} <= set(params)
    assert params["age_months"]["schema"]["maximum"] == 1500
    assert set(params["sex"]["schema"]["enum"]) <= {"female", "male", ""}


def test_docs_page_loads_its_scripts_from_our_own_origin(client: Client, db: None) -> None:
    html = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html
    assert "unpkg.com" not in html
    assert client.get("/api/v1/schema/").status_code == 200


def test_every_operation_documents_its_errors_and_writes_are_gone(tmp_path: Path) -> None:
    """Schemathesis flags a 400 the schema does not list; search lacked its 400s."""
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    for path in ("/api/v1/search/", "/api/v1/search/autocomplete/", "/api/v1/treatments/"):
        responses = paths[path]["get"]["responses"]
        assert {"200", "400", "404", "414", "429"} <= set(responses), path
        assert "application/json" in responses["400"]["content"]
    for path, operations in paths.items():
        assert set(operations) <= {"get", "parameters"}, path  # the API is read-only


def test_search_publishes_the_bounds_it_enforces(client: Client, db: None, tmp_path: Path) -> None:
    """A client reading the schema learns the limits a search request is checked against, and a
    request just past each one gets the JSON 400 the schema lists."""
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    search = {p["name"]: p["schema"] for p in paths["/api/v1/search/"]["get"]["parameters"]}
    assert (search["q"]["minLength"], search["q"]["maxLength"]) == (1, 500)
    assert (search["page"]["minimum"], search["page"]["maximum"]) == (1, 100)
    assert (search["page_size"]["minimum"], search["page_size"]["maximum"]) == (1, 50)
    assert search["drop"]["maxItems"] == 20
    assert search["drop"]["items"]["pattern"] == r"^HP:\d{7}$"
    assert search["add"]["maxLength"] == 200
    autocomplete = paths["/api/v1/search/autocomplete/"]["get"]["parameters"]
    limit = next(p["schema"] for p in autocomplete if p["name"] == "limit")
    assert (limit["minimum"], limit["maximum"]) == (1, 20)

    past_each_bound = [
        {"q": "x" * 501},
        {"q": "   "},
        {"q": "pompe", "page": "101"},
        {"q": "pompe", "page_size": "51"},
        {"q": "pompe", "drop": "HP:12"},
        {"q": "pompe", "add": "y" * 201},
    ]
    for params in past_each_bound:
        response = client.get("/api/v1/search/", params)
        assert response.status_code == 400, params
        assert response["Content-Type"].startswith("application/json"), params


def test_the_therapy_detail_publishes_its_redirect_and_what_the_page_shows(tmp_path: Path) -> None:
    """An old therapy slug answers 301 with a Location; the detail carries the other generic
    names and each link's FDA approvals, so a client validating responses accepts them."""
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    moved = schema["paths"]["/api/v1/therapies/{key}/"]["get"]["responses"]["301"]
    assert "Location" in moved["headers"]
    parts = schema["components"]["schemas"]
    assert parts["TherapyDetail"]["properties"]["other_names"]["type"] == "array"
    approvals = parts["TherapyLink"]["properties"]["orphan_approvals"]
    assert approvals["items"]["$ref"] == "#/components/schemas/OrphanApproval"
    assert {"approved_on", "indication", "source", "source_url"} <= set(
        parts["OrphanApproval"]["properties"]
    )
