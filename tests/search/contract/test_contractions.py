"""A family's contraction typed without its apostrophe is a sentence word, not a name (issue 17),
on every backend, in the page and the API: "hes" in "hes a floppy baby with seizures"
led the ordinary results with Hypereosinophilic syndrome (its abbreviation HES), and "cant
walk" was offered "Did you mean CAT walk". A physician's "HES", "HES treatment" and "CANT"
still find what they name.

Rows: Orphanet ORPHApackets (Dec 2025) ORPHA:168956 with its synonym "HES" and the opening of
its definition, ORPHA:3384 with two of its synonyms ("CAT"), ORPHA:195, and ORPHA:1425 with its link to CANT1;
HGNC complete set: RRBP1 (alias hES), CANT1 and CAT as HGNC writes them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import SynonymKind
from search.indexer import rebuild, suspend_signals
from tests.search.contract.data import (
    client_over_contract_phenotypes,
    create_condition,
    create_gene,
    link_gene,
    search_ids,
)

pytestmark = pytest.mark.django_db

HES = "ORPHA:168956"
DESCRIPTION = "hes a floppy baby with seizures"


@pytest.fixture(scope="module", autouse=True)
def rows(backend: str, django_db_blocker) -> Iterator[None]:
    """The rows added to the contract data and the index rebuilt (the synonym table and the
    spelling lexicon are filled by a rebuild), removed afterwards."""
    with django_db_blocker.unblock():
        with suspend_signals():
            condition = create_condition(
                HES,
                "Hypereosinophilic syndrome",
                "Hypereosinophilic syndrome (HES) constitutes a rare and heterogeneous group of "
                "disorders defined as persistent and marked blood eosinophilia and/or tissue "
                "eosinophilia associated with a wide range of clinical manifestations reflecting "
                "eosinophil-induced tissue/organ damage.",
                [("HES", SynonymKind.SYNONYM)],
            )
            # "cat" is the word most names use one slip from "cant" (CANT1's "cant1" is one too).
            others = [
                create_condition(
                    "ORPHA:3384",
                    "Common arterial trunk",
                    "",
                    [("CAT", SynonymKind.SYNONYM), ("Truncus arteriosus", SynonymKind.SYNONYM)],
                ),
                create_condition(
                    "ORPHA:195", "Cat-eye syndrome", "", [("CES", SynonymKind.SYNONYM)]
                ),
                create_condition("ORPHA:1425", "Desbuquois syndrome", "", []),
            ]
            genes = [
                create_gene("RRBP1", "HGNC:10448", "ribosome binding protein 1"),
                create_gene("CANT1", "HGNC:19721", "calcium activated nucleotidase 1"),
                create_gene("CAT", "HGNC:1516", "catalase"),
            ]
            genes[0].aliases = ["ES/130", "hES", "p180"]
            genes[1].aliases = ["SHAPY", "SCAN-1"]
            for gene in genes[:2]:
                gene.save(update_fields=["aliases"])
            # A disease gene's symbol is the one a slip typed in capitals is read as first.
            link_gene(
                others[2], genes[1], "Disease-causing germline mutation(s) (loss of function) in"
            )
        rebuild(progress=False)
        yield
        with suspend_signals():
            for row in (condition, *others):
                row.delete()
            for gene in genes:
                gene.delete()
        rebuild(progress=False)


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_a_description_with_hes_shows_no_hypereosinophilic_syndrome(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": DESCRIPTION}).json()
    assert body["described"] is not None  # read as a description: the panel is shown
    ids = [hit["id"] for hit in body["results"]]
    assert HES not in ids
    assert "RRBP1" not in ids
    html = client.get("/search", {"q": DESCRIPTION}).content.decode()
    assert "Conditions that can cause these signs" in html
    assert "Hypereosinophilic syndrome" not in html
    assert "ribosome binding protein" not in html


@pytest.mark.parametrize(
    "query",
    [
        "hes always tired, always hungry",  # a sentence without a stopword or a sign read
        "Hes had seizures since birth",  # capitalised by the phone, first in the sentence
        "HES HAD SEIZURES SINCE BIRTH",  # all capitals: case says nothing
    ],
)
def test_hes_in_a_sentence_is_no_name(client: Client, query: str) -> None:
    assert HES not in search_ids(client, query)


@pytest.mark.parametrize(
    "query",
    [
        "HES",
        "hes",
        "HES treatment",
        "hes treatment options",  # the name a question wraps
        "what is hes",
        "hypereosinophilic HES",
        "treatment for HES in adults",  # in capitals beside lower-case words
        "eosinophils very high in hes",  # "he's" never ends a clause
    ],
)
def test_hes_asked_about_finds_hypereosinophilic_syndrome_first(client: Client, query: str) -> None:
    assert search_ids(client, query)[0] == HES
    html = client.get("/search", {"q": query}).content.decode()
    assert "Hypereosinophilic syndrome" in html


@pytest.mark.parametrize("query", ["cant walk", "he cant walk or talk", "dont", "CANT WALK"])
def test_a_contraction_is_never_corrected(client: Client, query: str) -> None:
    body = client.get("/api/v1/search/", {"q": query}).json()
    assert body["did_you_mean"] is None
    html = client.get("/search", {"q": query}).content.decode()
    assert 'class="did-you-mean"' not in html


def test_cant_in_capitals_is_still_read_as_a_symbol(client: Client) -> None:
    assert search_ids(client, "CANT")[0] == "CANT1"
    assert search_ids(client, "CANT1")[0] == "CANT1"
