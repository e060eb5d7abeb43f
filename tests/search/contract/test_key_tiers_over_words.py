"""A key's tier decides before the words a document holds, on both backends, in the page and
the API.

PostgreSQL's text rank (0-100) never outweighs an exact key's tier (boost x 10); OpenSearch's
BM25 over the tier-boosted fields did (170-280 for a name's words in the real index): "pah
gene" put pulmonary arterial hypertension (a key reached through the synonym "PAH", at half
weight) before the conditions the gene PAH causes, and "VHL mutation" put Von Hippel-Lindau
disease (reached through its synonym "VHL") before the gene typed.

Rows as the sources give them: the conditions, their synonyms and definitions from the
Orphanet ORPHApackets (2025-12) with Orphanet's gene associations, the genes from the HGNC
complete set (HGNC:8582, HGNC:12687).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Condition, Gene, SynonymKind
from search.backends.base import load_backend
from search.indexer import rebuild, suspend_signals
from tests.factories.knowledge import ConditionGeneFactory, GeneFactory
from tests.search.contract.data import (
    HGNC,
    ORPHANET,
    READ,
    client_over_contract_phenotypes,
    create_condition,
    search_ids,
)
from tests.search.rows import indexed_doc

pytestmark = pytest.mark.django_db

CAUSES = "Disease-causing germline mutation(s) in"
CONDITIONS = {
    "ORPHA:182090": (
        "Pulmonary arterial hypertension",
        ["PAH"],
        "Pulmonary arterial hypertension (PAH) is a group of diseases characterized by elevated "
        "pulmonary arterial resistance leading to right heart failure.",
        None,
    ),
    "ORPHA:2209": (
        "Maternal phenylketonuria syndrome",
        ["Maternal PKU syndrome", "Maternal phenylketonuria", "Maternal PKU"],
        "A rare disorder of phenylalanine (Phe) metabolism an inborn error of amino acid "
        "metabolism characterized by the development of microcephaly growth retardation.",
        "PAH",
    ),
    "ORPHA:293284": (
        "Tetrahydrobiopterin-responsive phenylketonuria",
        [],
        "",
        "PAH",
    ),
    "ORPHA:892": (
        "Von Hippel-Lindau disease",
        ["Familial cerebelloretinal angiomatosis", "Lindau disease", "VHL",
         "Von Hippel-Lindau syndrome"],
        "A familial cancer predisposition syndrome associated with a variety of malignant and "
        "benign neoplasms most frequently retinal cerebellar and spinal hemangioblastoma renal "
        "cell carcinoma (RCC) and pheochromocytoma/paraganglioma.",
        "VHL",
    ),
}  # fmt: skip
# Rows that share no word with the queries, as the real index's 78k documents do: a word's
# weight (BM25's idf) grows with the rows that lack it, and the contract data alone is too
# small for a name's words to outweigh a key's tier as they did in the real index.
FILLER = 4000
FILLER_START = 10_000_000

GENES = (
    ("PAH", "HGNC:8582", "phenylalanine hydroxylase", [], 5053),
    ("VHL", "HGNC:12687", "von Hippel-Lindau tumor suppressor", ["VHL1"], 7428),
)


@pytest.fixture(scope="module", autouse=True)
def rows(backend: str, django_db_blocker) -> Iterator[None]:
    """The conditions and genes added to the contract data, indexed, removed afterwards."""
    with django_db_blocker.unblock():
        with suspend_signals():
            genes = {
                symbol: GeneFactory(
                    symbol=symbol,
                    hgnc_id=hgnc_id,
                    name=name,
                    aliases=aliases,
                    previous_symbols=[],
                    other_names=[],
                    ncbi_gene_id=ncbi,
                    locus_group="protein-coding gene",
                    source=HGNC,
                    source_id=hgnc_id,
                    retrieved_on=READ,
                )
                for symbol, hgnc_id, name, aliases, ncbi in GENES
            }
            for curie, (name, synonyms, definition, gene) in CONDITIONS.items():
                condition = create_condition(
                    curie, name, definition, [(text, SynonymKind.SYNONYM) for text in synonyms]
                )
                if gene:
                    ConditionGeneFactory(condition=condition, gene=genes[gene],
                                         association=CAUSES, source=ORPHANET, source_id=curie,
                                         retrieved_on=READ)  # fmt: skip
        rebuild(progress=False)
        filler = range(FILLER_START, FILLER_START + FILLER)
        engine = load_backend()
        engine.index([indexed_doc("article", n, f"Test row {n}") for n in filler])
        yield
        engine.delete("article", list(filler))
        with suspend_signals():
            Condition.objects.filter(primary_id__in=list(CONDITIONS)).delete()
            Gene.objects.filter(symbol__in=[g[0] for g in GENES]).delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_conditions_a_gene_causes_come_before_those_its_symbol_abbreviates(
    client: Client,
) -> None:
    ids = search_ids(client, "pah gene")
    assert ids[0] == "PAH"
    assert set(ids[1:3]) == {"ORPHA:2209", "ORPHA:293284"}
    assert ids.index("ORPHA:182090") > 2
    html = client.get("/search", {"q": "pah gene"}).content.decode()
    assert html.index("Maternal phenylketonuria") < html.index("Pulmonary arterial hypertension")


@pytest.mark.parametrize("query", ["VHL mutation", "VHL gene"])
def test_the_gene_typed_comes_before_the_disease_its_symbol_names(
    client: Client, query: str
) -> None:
    ids = search_ids(client, query)
    assert ids[:2] == ["VHL", "ORPHA:892"]
    html = client.get("/search", {"q": query}).content.decode()
    assert html.index("/genes/VHL/") < html.index("Von Hippel-Lindau disease")
