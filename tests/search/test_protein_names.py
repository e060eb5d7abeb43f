"""Protein names a report or a physician types find the gene, in the page and the API.

Real rows: HGNC complete set (2024-10) symbols, ids, approved, alias and previous names;
Orphanet ORPHApackets (2025-12) names and synonyms.
"""

from __future__ import annotations

import pytest
from django.test import Client

from search.indexer import rebuild
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory, GeneFactory

pytestmark = pytest.mark.django_db

HGNC = "HGNC complete set"
ORPHANET = "Orphanet ORPHApackets 2025-12"


@pytest.fixture
def client() -> Client:
    return client_from_fresh_address()


@pytest.fixture
def indexed(settings) -> None:
    settings.SEARCH_BACKEND = "search.backends.postgres.backend.PostgresBackend"
    settings.OPENSEARCH_URL = ""
    GeneFactory(
        symbol="GBA1", hgnc_id="HGNC:4177", name="glucosylceramidase beta 1", source=HGNC,
        previous_symbols=["GLUC", "GBA"],
        other_names=["glucocerebrosidase", "glucosylceramidase", "glucosidase, beta, acid"],
    )  # fmt: skip
    GeneFactory(
        symbol="SMN1", hgnc_id="HGNC:11117", name="survival of motor neuron 1, telomeric",
        source=HGNC, other_names=["gemin-1", "tudor domain containing 16A"],
    )  # fmt: skip
    GeneFactory(
        symbol="GAA", hgnc_id="HGNC:4065", name="alpha glucosidase", source=HGNC,
        other_names=["Pompe disease", "glycogen storage disease type II"],
    )  # fmt: skip
    GeneFactory(
        symbol="CLN3", hgnc_id="HGNC:2074", source=HGNC,
        name="CLN3 lysosomal/endosomal transmembrane protein, battenin",
        other_names=["juvenile neuronal ceroid lipofuscinosis", "Batten, Spielmeyer-Vogt disease"],
    )  # fmt: skip
    GeneFactory(symbol="HTT", hgnc_id="HGNC:4851", name="huntingtin", source=HGNC)
    GeneFactory(
        symbol="HIP1", hgnc_id="HGNC:4913", name="huntingtin interacting protein 1", source=HGNC
    )
    pompe = ConditionFactory(
        primary_id="ORPHA:365", slug="pompe",
        name="Glycogen storage disease due to acid maltase deficiency",
    )  # fmt: skip
    ConditionSynonymFactory(condition=pompe, text="Pompe disease", source=ORPHANET)
    ConditionFactory(primary_id="ORPHA:355", slug="gaucher", name="Gaucher disease")
    rebuild(progress=False)


def _api_ids(client: Client, q: str) -> list[str]:
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200
    return [result["id"] for result in response.json()["results"]]


def test_a_protein_name_finds_the_gene_in_the_page(client: Client, indexed: None) -> None:
    body = client.get("/search", {"q": "glucocerebrosidase"}).content.decode()
    assert "GBA1: glucosylceramidase beta 1" in body
    assert 'href="/genes/GBA1' in body


@pytest.mark.parametrize(
    ("q", "gene"),
    [
        ("glucocerebrosidase", "GBA1"),
        ("Glucosidase, beta, acid", "GBA1"),
        ("survival motor neuron protein", "SMN1"),
        # A report's trailing "protein" is not part of HGNC's name: HTT, not HIP1.
        ("huntingtin protein", "HTT"),
        ("gemin-1", "SMN1"),
    ],
)
def test_a_protein_name_finds_the_gene_in_the_api(
    client: Client, indexed: None, q: str, gene: str
) -> None:
    assert _api_ids(client, q)[0] == gene


def test_a_disease_named_gene_alias_ranks_below_the_condition(
    client: Client, indexed: None
) -> None:
    """HGNC lists "Pompe disease" as an alias name of GAA: the condition still comes first."""
    assert _api_ids(client, "Pompe disease")[:2] == ["ORPHA:365", "GAA"]


def test_batten_disease_reaches_the_gene_named_after_it(client: Client, indexed: None) -> None:
    """No Orphanet, HPO or OMIM file we hold gives any condition the name "Batten disease";
    HGNC's previous name of CLN3 does, so the gene (whose page lists its conditions) answers."""
    assert _api_ids(client, "Batten disease")[0] == "CLN3"
