"""The /api/v1 resources: lists with filters and ordering, detail by natural key, permissions."""

from __future__ import annotations

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from content.models import ArticleStatus
from knowledge.models import ConditionSubtype, OrphanApproval
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionIdentifierFactory,
    ConditionPhenotypeFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyFactory,
    TherapyLinkFactory,
)
from tests.factories.records import ArticleFactory, ClinicalTrialFactory, PublicationFactory


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()  # throttle counters live in the cache; each test starts with a clean slate


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.fixture
def staff_client(db: None) -> APIClient:
    user = get_user_model().objects.create_user("editor", password="x" * 16, is_staff=True)
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def sma(db: None):
    condition = ConditionFactory(name="Proximal spinal muscular atrophy", slug="sma",
                                 primary_id="ORPHA:70")  # fmt: skip
    ConditionIdentifierFactory(condition=condition, scheme="OMIM", value="253300")
    gene = GeneFactory(symbol="SMN1", hgnc_id="HGNC:11117", aliases=["SMNT"])
    ConditionGeneFactory(condition=condition, gene=gene)
    ConditionPhenotypeFactory(
        condition=condition,
        phenotype=PhenotypeFactory(hpo_id="HP:0003701", name="Proximal muscle weakness"),
    )
    for name in ("nusinersen", "risdiplam"):
        link = TherapyLinkFactory(
            therapy=TherapyFactory(name=name, slug=name), condition=condition,
            status="fda_approved", evidence_level="regulatory_approval",
        )  # fmt: skip
        link.genes.add(gene)
    return condition


def test_condition_detail_by_slug_curie_xref_and_id(client: APIClient, sma) -> None:
    for key in ("sma", "ORPHA:70", "OMIM:253300", str(sma.pk)):
        response = client.get(f"/api/v1/conditions/{key}/")
        assert response.status_code == 200, key
        body = response.json()
        assert body["primary_id"] == "ORPHA:70"
    assert body["genes"][0]["symbol"] == "SMN1"
    assert {t["therapy"] for t in body["therapies"]} == {"nusinersen", "risdiplam"}
    assert body["phenotypes"][0]["hpo_id"] == "HP:0003701"
    assert client.get("/api/v1/conditions/ORPHA:999999/").status_code == 404


def test_condition_detail_lists_each_therapys_fda_approvals(client: APIClient, sma) -> None:
    """As the condition page does ("FDA approved <date> for: <indication>"), newest first."""
    link = sma.therapy_links.get(therapy__name="nusinersen")
    for approved in ("2016-12-23", "2025-03-01"):
        OrphanApproval.objects.create(
            link=link, generic_name="nusinersen", trade_name="Spinraza",
            designation="Treatment of spinal muscular atrophy",
            indication="Treatment of spinal muscular atrophy in children and adults",
            approved_on=approved, sponsor="Biogen", match="exact",
            source="FDA orphan drug designations and approvals", source_id=f"spinraza {approved}",
            retrieved_on="2026-11-25",
        )  # fmt: skip
    body = client.get("/api/v1/conditions/sma/").json()
    listed = {t["therapy"]: t["orphan_approvals"] for t in body["therapies"]}
    assert [a["approved_on"] for a in listed["nusinersen"]] == ["2025-03-01", "2016-12-23"]
    assert listed["nusinersen"][0]["indication"].startswith("Treatment of spinal")
    assert listed["risdiplam"] == []


def test_condition_detail_query_count_is_fixed(client, sma, django_assert_max_num_queries) -> None:
    child = ConditionFactory(
        name="Proximal spinal muscular atrophy type 1", primary_id="ORPHA:83330"
    )
    ConditionSubtype.objects.create(
        parent=sma, child=child, source="Orphanet", retrieved_on="2025-12-09"
    )
    # One more per prefetch: the links' regulatory events, their FDA approvals.
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/conditions/ORPHA:70/").status_code == 200


def test_condition_detail_lists_its_types_and_groups_with_sources(client: APIClient, sma) -> None:
    facts = {"source": "Orphanet ORPHApackets 2025-12", "retrieved_on": "2025-12-09"}
    for code, name in (("83330", "type 1"), ("83418", "type 2")):
        child = ConditionFactory(name=f"Proximal spinal muscular atrophy {name}",
                                 primary_id=f"ORPHA:{code}")  # fmt: skip
        ConditionSubtype.objects.create(parent=sma, child=child, source_id="ORPHA:70", **facts)
    body = client.get("/api/v1/conditions/ORPHA:70/").json()
    assert [t["primary_id"] for t in body["subtypes"]] == ["ORPHA:83330", "ORPHA:83418"]
    assert body["subtypes"][0]["source_id"] == "ORPHA:70"
    assert body["subtypes"][0]["retrieved_on"] == "2025-12-09"
    assert body["groups"] == []
    child = client.get("/api/v1/conditions/ORPHA:83418/").json()
    assert [g["primary_id"] for g in child["groups"]] == ["ORPHA:70"]


def test_condition_list_filters_and_orders(client: APIClient, sma) -> None:
    ConditionFactory(name="Cystic fibrosis", slug="cf", primary_id="ORPHA:586")
    by_gene = client.get("/api/v1/conditions/", {"gene": "smn1"}).json()
    assert [c["primary_id"] for c in by_gene["results"]] == ["ORPHA:70"]
    ordered = client.get("/api/v1/conditions/", {"ordering": "-name"}).json()
    assert [c["name"] for c in ordered["results"]] == [
        "Proximal spinal muscular atrophy",
        "Cystic fibrosis",
    ]
    assert ordered["results"][1]["identifiers"] == []


def test_lists_do_not_grow_queries_with_rows(client, db, django_assert_max_num_queries) -> None:
    for i in range(30):
        condition = ConditionFactory()
        ConditionIdentifierFactory(condition=condition, value=str(700000 + i))
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/conditions/", {"page_size": 30})
    assert len(response.json()["results"]) == 30


def test_page_size_is_bounded(client: APIClient, db: None) -> None:
    PhenotypeFactory.create_batch(105)
    body = client.get("/api/v1/phenotypes/", {"page_size": 1000}).json()
    assert body["count"] == 105
    assert len(body["results"]) == 100


def test_gene_by_symbol_any_case_and_phenotype_by_hpo_id(client: APIClient, sma) -> None:
    gene = client.get("/api/v1/genes/smn1/").json()
    assert gene["symbol"] == "SMN1"
    assert gene["conditions"][0]["primary_id"] == "ORPHA:70"
    term = client.get("/api/v1/phenotypes/HP:0003701/").json()
    assert term["name"] == "Proximal muscle weakness"


def test_therapies_filter_by_gene_and_status(client: APIClient, sma) -> None:
    TherapyLinkFactory(therapy=TherapyFactory(name="testdrug", slug="testdrug"),
                       status="investigational")  # fmt: skip
    body = client.get("/api/v1/therapies/", {"gene": "SMN1", "status": "fda_approved"}).json()
    assert [t["name"] for t in body["results"]] == ["nusinersen", "risdiplam"]
    detail = client.get("/api/v1/therapies/nusinersen/").json()
    assert detail["links"][0]["genes"] == ["SMN1"]


def test_trials_by_nct_and_filters(client: APIClient, db: None) -> None:
    ClinicalTrialFactory(nct_id="NCT02193074", status="COMPLETED", phases=["PHASE3"],
                         countries=["United States"])  # fmt: skip
    ClinicalTrialFactory(nct_id="NCT09999999", status="RECRUITING", phases=["PHASE2"])
    assert client.get("/api/v1/trials/nct02193074/").json()["nct_id"] == "NCT02193074"
    recruiting = client.get("/api/v1/trials/", {"status": "RECRUITING"}).json()
    assert [t["nct_id"] for t in recruiting["results"]] == ["NCT09999999"]
    phase3 = client.get("/api/v1/trials/", {"phase": "phase3", "country": "United States"}).json()
    assert [t["nct_id"] for t in phase3["results"]] == ["NCT02193074"]


def test_publication_by_pmid(client: APIClient, db: None) -> None:
    PublicationFactory(pmid="29091570", title="Nusinersen versus sham control")
    assert client.get("/api/v1/publications/29091570/").json()["title"].startswith("Nusinersen")


def test_only_public_articles_for_the_public(client, staff_client, db) -> None:
    ArticleFactory(slug="published-one")
    ArticleFactory(slug="draft-one", status=ArticleStatus.DRAFT, published_at=None)
    listed = [a["slug"] for a in client.get("/api/v1/articles/").json()["results"]]
    assert listed == ["published-one"]
    assert client.get("/api/v1/articles/draft-one/").status_code == 404
    assert staff_client.get("/api/v1/articles/draft-one/").status_code == 200


def test_a_therapy_link_to_no_condition_of_ours_matches_the_schema(client, db, tmp_path) -> None:
    """A source's condition we have not linked yet (an FDA designation, say) has no slug: the
    schema must say so, or a client validating against it rejects the whole therapy."""
    TherapyLinkFactory(therapy=TherapyFactory(name="unlinkeddrug", slug="unlinkeddrug"),
                       condition=None, condition_name="A designation not matched yet")  # fmt: skip
    link = client.get("/api/v1/therapies/unlinkeddrug/").json()["links"][0]
    assert link["condition_name"] == "A designation not matched yet"
    assert link["condition_slug"] is None
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(target))
    schema = yaml.safe_load(target.read_text())["components"]["schemas"]["TherapyLink"]
    assert schema["properties"]["condition_slug"]["nullable"] is True


def test_condition_detail_by_its_own_curie_when_it_is_also_an_identifier(client, sma) -> None:
    """The knowledge load files a condition's ORPHA number both as its primary id and among its
    identifiers; the lookup then met the record twice and answered 404 for ORPHA:70."""
    ConditionIdentifierFactory(condition=sma, scheme="ORPHA", value="70")
    response = client.get("/api/v1/conditions/ORPHA:70/")
    assert response.status_code == 200
    assert response.json()["slug"] == "sma"
    assert client.get("/api/v1/conditions/OMIM:253300/").json()["slug"] == "sma"
