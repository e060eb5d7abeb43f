"""A protein written as a report writes it finds its gene first: HGNC's older name without the
note in brackets after it ("hexosaminidase A (alpha polypeptide)"), and its approved name's
protein before the comma ("polycystin 2, transient receptor potential cation channel").

Real rows: HGNC complete set (shared/data/hgnc) symbols, ids, approved, alias and previous
names of HEXA, HEXB, HEXD, PKD2, PKD1L2 and CTNS.
"""

from __future__ import annotations

import pytest
from django.test import Client

from search.indexer import rebuild
from tests._shared import client_from_fresh_address
from tests.factories.knowledge import GeneFactory

pytestmark = pytest.mark.django_db

HGNC = "HGNC complete set"
CODING = "protein-coding gene"


@pytest.fixture
def client() -> Client:
    return client_from_fresh_address()


@pytest.fixture
def indexed(settings) -> None:
    settings.SEARCH_BACKEND = "search.backends.postgres.backend.PostgresBackend"
    settings.OPENSEARCH_URL = ""
    GeneFactory(
        symbol="HEXA", hgnc_id="HGNC:4878", name="hexosaminidase subunit alpha",
        source=HGNC, locus_group=CODING,
        other_names=["Tay Sachs disease", "GM2 gangliosidosis",
                     "beta-hexosaminidase subunit alpha", "hexosaminidase A (alpha polypeptide)"],
    )  # fmt: skip
    GeneFactory(
        symbol="HEXB", hgnc_id="HGNC:4879", name="hexosaminidase subunit beta",
        source=HGNC, locus_group=CODING,
        other_names=["beta-hexosaminidase subunit beta", "hexosaminidase B (beta polypeptide)"],
    )  # fmt: skip
    GeneFactory(
        symbol="HEXD", hgnc_id="HGNC:26307", name="hexosaminidase D",
        source=HGNC, locus_group=CODING,
        aliases=["FLJ23825"],
        other_names=["hexosaminidase D, cytosolic",
                     "hexosaminidase (glycosyl hydrolase family 20, catalytic domain) containing"],
    )  # fmt: skip
    GeneFactory(
        symbol="PKD2", hgnc_id="HGNC:9009",
        source=HGNC, locus_group=CODING,
        name="polycystin 2, transient receptor potential cation channel",
        aliases=["PKD4", "PC2", "Pc-2", "TRPP2"],
        other_names=["transient receptor potential cation channel, subfamily P, member 2",
                     "polycystic kidney disease 2 (autosomal dominant)"],
    )  # fmt: skip
    GeneFactory(
        symbol="PKD1L2", hgnc_id="HGNC:21715", name="polycystin 1 like 2 (gene/pseudogene)",
        source=HGNC, locus_group=CODING, aliases=["KIAA1879"],
        other_names=["polycystic kidney disease 1-like 2"],
    )  # fmt: skip
    GeneFactory(
        symbol="CTNS", hgnc_id="HGNC:2518", name="cystinosin, lysosomal cystine transporter",
        source=HGNC, locus_group=CODING, aliases=["CTNS-LSB", "PQLC4", "SLC66A4"],
        other_names=["cystinosis, nephropathic"],
    )  # fmt: skip
    rebuild(progress=False)


def _api_ids(client: Client, q: str) -> list[str]:
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200
    return [result["id"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("q", "gene"),
    [
        ("hexosaminidase A", "HEXA"),
        ("polycystin 2", "PKD2"),
        ("polycystin-2", "PKD2"),
    ],
)
def test_the_protein_as_a_report_writes_it_finds_its_gene_first(
    client: Client, indexed: None, q: str, gene: str
) -> None:
    assert _api_ids(client, q)[0] == gene


def test_the_protein_finds_its_gene_in_the_page(client: Client, indexed: None) -> None:
    body = client.get("/search", {"q": "hexosaminidase A"}).content.decode()
    assert body.index("HEXA: hexosaminidase subunit alpha") < body.index("HEXD: hexosaminidase D")
