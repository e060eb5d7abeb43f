"""A gene an ORPHApacket lists twice for one disorder keeps the type that says it causes it.

31 packets of the committed pack (Orphanet 2025-12) list a gene twice with two types: TCF4
"Disease-causing germline mutation(s) (loss of function) in" and "Role in the phenotype of"
Pitt-Hopkins syndrome; SMCHD1 "Disease-causing germline mutation(s) in" and "Modifying
germline mutation in" facioscapulohumeral dystrophy; TP53 germline and somatic in
adrenocortical carcinoma. The records are the pack's own, imported as the load imports them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from kbimport.importers.orphanet import orphanet_records_import
from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.sources.pack import iter_pack_records
from knowledge.models import Condition, Gene
from search import lexicon
from search.indexer import index_objects

# Pitt-Hopkins syndrome, and the two other disorders Orphanet says TCF4 causes (Fuchs
# endothelial corneal dystrophy, autosomal dominant non-syndromic intellectual disability);
# facioscapulohumeral dystrophy; adrenocortical carcinoma.
CODES = frozenset({2896, 98974, 178469, 269, 1501})


@pytest.fixture
def imported(db: None) -> Iterator[None]:
    records = [r for r in iter_pack_records(DEFAULT_PACK_DIR / "orphanet.jsonl.gz")
               if r.orpha_code in CODES]  # fmt: skip
    orphanet_records_import(records=lambda _bar: records, scope="test", task="test_gene_links")
    index_objects("condition", list(Condition.objects.values_list("pk", flat=True)))
    index_objects("gene", list(Gene.objects.values_list("pk", flat=True)))
    lexicon.invalidate()
    yield
    lexicon.invalidate()


def _association(body: dict, symbol: str) -> str:
    return next(link["association"] for link in body["genes"] if link["symbol"] == symbol)


@pytest.mark.usefixtures("imported")
def test_a_gene_listed_twice_keeps_the_type_that_says_it_causes(client: Client) -> None:
    # Before: the last type listed won ("Role in the phenotype of", "Modifying ...", somatic).
    body = client.get("/api/v1/conditions/ORPHA:2896/").json()
    assert _association(body, "TCF4") == (
        "Disease-causing germline mutation(s) (loss of function) in"
    )
    body = client.get("/api/v1/conditions/ORPHA:269/").json()
    assert _association(body, "SMCHD1") == "Disease-causing germline mutation(s) in"
    body = client.get("/api/v1/conditions/ORPHA:1501/").json()
    assert _association(body, "TP53") == "Disease-causing germline mutation(s) in"
    page = client.get(Condition.objects.get(primary_id="ORPHA:269").get_absolute_url())
    smchd1 = page.content.decode().split('href="/genes/SMCHD1/"', 1)[1].split("</li>", 1)[0]
    assert smchd1.endswith('<span class="meta">(causes it)</span>')


@pytest.mark.usefixtures("imported")
def test_the_genes_search_lists_the_condition_it_causes(client: Client) -> None:
    # Before: Pitt-Hopkins syndrome was not among TCF4's conditions, and came after the two.
    ids = [hit["id"] for hit in client.get("/api/v1/search/", {"q": "TCF4"}).json()["results"]]
    assert ids[0] == "TCF4"
    assert "ORPHA:2896" in ids[1:4]
    assert ids.index("ORPHA:2896") < max(ids.index("ORPHA:98974"), ids.index("ORPHA:178469"))
