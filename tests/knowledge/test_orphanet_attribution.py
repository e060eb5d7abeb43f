"""Orphanet's CC BY 4.0 attribution on every page and API response that shows its facts."""

from __future__ import annotations

import pytest
from django.test import Client

from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionPhenotypeFactory,
    GeneFactory,
    PhenotypeFactory,
)

pytestmark = pytest.mark.django_db
CREDIT = 'Contains information from <a href="https://www.orpha.net/">Orphanet</a>'
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    page_cache_invalidate()


def _html(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_gene_page_listing_orphanet_conditions_credits_orphanet() -> None:
    """SMN1's page lists Orphanet's gene-disorder links, so it carries the licence."""
    gene = GeneFactory(symbol="TSMN7", source="HGNC")
    link = ConditionGeneFactory(
        gene=gene, condition=ConditionFactory(primary_id="ORPHA:99083", name="Test SMA type 1"),
        association="Disease-causing germline mutation(s) in", source="Orphanet ORPHApackets 2025-12",
    )  # fmt: skip
    html = _html(gene.get_absolute_url())
    assert link.condition.name in html
    assert CREDIT in html
    assert LICENCE in html


def test_a_gene_page_without_orphanet_facts_makes_no_claim() -> None:
    """A gene linked only through HPO's OMIM annotations shows no Orphanet credit."""
    gene = GeneFactory(symbol="TOMIM3", source="HGNC")
    ConditionGeneFactory(gene=gene, condition=ConditionFactory(primary_id="OMIM:9100001"),
                         source="HPO annotations 2025-01-16")  # fmt: skip
    assert CREDIT not in _html(gene.get_absolute_url())


def test_a_symptom_page_listing_orphanet_conditions_credits_orphanet() -> None:
    """The conditions a symptom is seen in come from Orphanet's annotations: credited."""
    term = PhenotypeFactory(hpo_id="HP:9907001", name="Test weakness")
    ConditionPhenotypeFactory(phenotype=term, condition=ConditionFactory(primary_id="ORPHA:99084"),
                              source="Orphanet ORPHApackets 2025-12", frequency=0.9)  # fmt: skip
    assert CREDIT in _html(term.get_absolute_url())


def test_the_a_to_z_list_of_orphanet_names_credits_orphanet() -> None:
    """Orphanet's condition names in the A-Z list carry the licence."""
    ConditionFactory(primary_id="ORPHA:99085", name="Attribution test disease")
    assert CREDIT in _html("/conditions/?letter=A")


@pytest.mark.parametrize("kind", ["conditions", "genes"])
def test_api_responses_carry_the_attribution_field_and_licence_link(kind: str) -> None:
    """List and detail answers name Orphanet and its licence, in the body and a Link header."""
    condition = ConditionFactory(primary_id="ORPHA:99086", name="API attribution disease")
    gene = GeneFactory(symbol="TAPI1")
    ConditionGeneFactory(gene=gene, condition=condition, source="Orphanet ORPHApackets 2025-12")
    key = condition.slug if kind == "conditions" else gene.symbol
    for url in (f"/api/v1/{kind}/", f"/api/v1/{kind}/{key}/"):
        response = Client().get(url)
        assert response.status_code == 200, url
        body = response.json()
        assert body["attribution"]["licence"] == "CC BY 4.0"
        assert body["attribution"]["source"] == "Orphanet (INSERM)"
        assert response["Link"] == f'<{LICENCE}>; rel="license"'
