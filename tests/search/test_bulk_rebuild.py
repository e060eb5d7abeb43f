"""The bulk rebuild path: one statement per batch, flat synonym reads, long ids that must fit."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import PhenotypeSynonym, SynonymKind
from search.backends.postgres.backend import PostgresBackend
from search.documents import IndexedDoc
from search.indexer import rebuild, synonym_groups
from search.models import SearchEntry, SearchSynonym
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionSynonymFactory,
    PhenotypeFactory,
    TherapyFactory,
)

# The real FDA orphan export's longest generic name slugs to 138 characters (curie was 120).
LONG_SLUG = (
    "gallium-ga-68-n-acetyl-d-phenylalanyl-l-cysteinyl-l-tyrosyl-d-tryptophanyl-l-lysyl-"
    "l-threoninyl-l-cysteinyl-l-threonine-cyclic-disulfide"
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgres(settings) -> None:
    settings.SEARCH_BACKEND = "search.backends.postgres.backend.PostgresBackend"
    settings.OPENSEARCH_URL = ""


def test_rebuild_indexes_a_therapy_whose_slug_is_longer_than_the_id_column(
    client: Client,
) -> None:
    TherapyFactory(name="gallium Ga 68 cyclic peptide", slug=LONG_SLUG)
    rebuild(progress=False)
    response = client.get("/api/v1/search/", {"q": "gallium"})
    assert response.status_code == 200
    hit = response.json()["results"][0]
    assert hit["type"] == "therapy"
    assert LONG_SLUG in hit["url"]  # the link keeps the whole slug; only the shown id is cut


def test_synonym_groups_come_from_abbreviations_eponyms_and_layperson_words(
    client: Client,
) -> None:
    sma = ConditionFactory(name="Spinal muscular atrophy", primary_id="ORPHA:70")
    ConditionSynonymFactory(condition=sma, text="SMA", kind=SynonymKind.ABBREVIATION)
    ConditionSynonymFactory(condition=sma, text="Werdnig-Hoffmann disease", kind=SynonymKind.EPONYM)
    ConditionSynonymFactory(condition=sma, text="a plain long synonym", kind=SynonymKind.SYNONYM)
    fever = PhenotypeFactory(name="Hyperthermia", hpo_id="HP:0001945")
    PhenotypeSynonym.objects.create(phenotype=fever, text="High temperature", is_layperson=True)
    PhenotypeSynonym.objects.create(phenotype=fever, text="Pyrexia", is_layperson=False)
    groups = {frozenset(group) for group in synonym_groups()}
    assert frozenset({"spinal muscular atrophy", "sma", "werdnig hoffmann disease"}) in groups
    assert frozenset({"hyperthermia", "high temperature"}) in groups
    assert not any("pyrexia" in group or "a plain long synonym" in group for group in groups)

    rebuild(progress=False)
    rebuild(progress=False)  # a second rebuild rewrites the table, no duplicates or errors
    pairs = set(SearchSynonym.objects.values_list("term", "expansion"))
    assert ("sma", "spinal muscular atrophy") in pairs
    assert ("high temperature", "hyperthermia") in pairs
    assert SearchSynonym.objects.count() == len(pairs)
    response = client.get("/api/v1/search/", {"q": "werdnig hoffmann disease"})
    assert response.json()["results"][0]["id"] == "ORPHA:70"


def test_a_gene_alias_that_is_an_everyday_word_stands_for_nothing() -> None:
    # HGNC lists "TYPE" as an alias of SGCG: "spinal muscular atrophy type 1" had eight
    # alternatives, all SGCG's aliases in place of "type", and the gene among the first hits.
    from tests.factories.knowledge import ConditionGeneFactory, GeneFactory

    sgcg = GeneFactory(symbol="SGCG", aliases=["TYPE", "DAGA4", "A4"], previous_symbols=["LGMD2C"])
    ConditionGeneFactory(gene=sgcg, condition=ConditionFactory(primary_id="ORPHA:353"))
    groups = {frozenset(group) for group in synonym_groups()}
    assert frozenset({"sgcg", "daga4", "lgmd2c"}) in groups
    assert not any("type" in group for group in groups)


def _doc(object_id: int, title: str) -> IndexedDoc:
    return IndexedDoc(
        doc_type="gene", object_id=object_id, curie=title, title=title, url=f"/g/{title}",
        summary="", texts=(("symbol", title, 10.0),), exact=(), autocomplete=(title,),
    )  # fmt: skip


def test_one_batch_upserts_many_rows_and_a_repeated_document_keeps_its_last_version() -> None:
    PostgresBackend().index([_doc(1, "AAA1"), _doc(2, "BBB2"), _doc(1, "CCC3")])
    rows = dict(SearchEntry.objects.values_list("object_id", "title"))
    assert rows == {1: "CCC3", 2: "BBB2"}
    vector = SearchEntry.objects.get(object_id=1).vector
    assert "ccc3" in vector
    assert "aaa1" not in vector
