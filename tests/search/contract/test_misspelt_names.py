"""A misspelt name finds the first result the name written right finds (issue 17), on every
backend: a slip no word-by-word reading settles is read through the name it is typed in.

Rows: Orphanet ORPHApackets (Dec 2025) ORPHA:2322 and ORPHA:500159 (its name ends in the
truncated "syndrom", as Orphanet writes it); OMIM 300867 and 603855 (titles as OMIM writes them);
HPO 2025-01-16 HP:0000107 "Renal cyst" and HP:0011714 "Libman-Sacks lesions"; five more Orphanet syndromes by their names; Orphanet
ORPHA:199 and ORPHA:166 with the synonym the loaded knowledge base holds (2025-12), and three
names holding "long" (ORPHA:768, OMIM 611819 and 611820): "lang" is one slip from "long" and
"lange" alike, and the commoner word won."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import Condition, Gene, SynonymKind
from search.indexer import rebuild, suspend_signals
from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionSynonymFactory,
    GeneFactory,
    PhenotypeFactory,
)
from tests.search.contract.data import client_over_contract_phenotypes, indexed

pytestmark = pytest.mark.django_db

SYNDROMES = [
    ("ORPHA:648", "Noonan syndrome"),
    ("ORPHA:63", "Alport syndrome"),
    ("ORPHA:821", "Sotos syndrome"),
    ("ORPHA:904", "Williams syndrome"),
    ("ORPHA:819", "Smith-Magenis syndrome"),
    ("ORPHA:199", "Cornelia de Lange syndrome"),
    ("ORPHA:589", "Myasthenia gravis"),
    ("ORPHA:324", "Fabry disease"),
    ("ORPHA:72", "Angelman syndrome"),
    ("ORPHA:768", "Congenital long QT syndrome"),
    ("OMIM:611819", "Long QT syndrome 10"),
    ("OMIM:611820", "Long QT syndrome 11"),
    ("ORPHA:845", "Tay-Sachs disease"),
    ("ORPHA:309192", "Tay-Sachs disease, adult form"),
    ("ORPHA:309185", "Tay-Sachs disease, juvenile form"),
]
LONG_NAME = (
    "Microcephaly-corpus callosum and cerebellar vermis hypoplasia-facial dysmorphism-"
    "intellectual disability syndrom"
)


@pytest.fixture
def misspelt_rows(backend: str) -> Iterator[None]:
    kabuki = ConditionFactory(primary_id="ORPHA:2322", name="Kabuki syndrome")
    ConditionSynonymFactory(condition=kabuki, text="Niikawa-Kuroki syndrome")
    ConditionSynonymFactory(condition=kabuki, text="Kabuki make-up syndrome")
    conditions = [
        kabuki,
        ConditionFactory(primary_id="OMIM:300867", name="Kabuki syndrome 2"),
        ConditionFactory(primary_id="OMIM:603855", name="Cystic fibrosis, modifier of, 1"),
        ConditionFactory(primary_id="ORPHA:500159", name=LONG_NAME),
        # "syndrome" as often as a slip in the index is not (4,640 uses in the default install)
        *(ConditionFactory(primary_id=curie, name=name) for curie, name in SYNDROMES),
    ]
    cmt = ConditionFactory(
        primary_id="ORPHA:166",
        name="Charcot-Marie-Tooth disease/Hereditary motor and sensory neuropathy",
    )
    ConditionSynonymFactory(condition=cmt, text="Charcot-Marie-Tooth disease")
    conditions.append(cmt)
    cyst = PhenotypeFactory(hpo_id="HP:0000107", name="Renal cyst")
    lesions = PhenotypeFactory(hpo_id="HP:0011714", name="Libman-Sacks lesions")
    with indexed("phenotype", [cyst, lesions]), indexed("condition", conditions):
        yield


@pytest.mark.usefixtures("misspelt_rows")
@pytest.mark.parametrize(
    ("query", "first", "proposed"),
    [
        # "cystc" is one slip from "cyst" and "cystic" alike: the name decides (was: no
        # proposal, and "Cystic fibrosis, modifier of, 1" first on PostgreSQL)
        ("cystc fibrosis", "ORPHA:586", "Cystic fibrosis"),
        # "syndrom" is in the index once: "Kabuki syndrome 2" came first
        ("kabuki syndrom", "ORPHA:2322", "Kabuki syndrome"),
        # an eponym typed without its head word is read with it: "cornelia de lange syndrome"
        # is a name, "cornelia de long syndrome" is not (was: "cornelia de long")
        ("cornelia de lang", "ORPHA:199", "Cornelia de Lange"),
        ("New drugs for Cornelia de lang", "ORPHA:199", "New drugs for Cornelia de Lange"),
        # "mary" is two slips from "marie" (one from "mark"): read so only because no word one
        # slip away makes a name (was: no proposal, no Charcot-Marie-Tooth disease at all)
        ("Charcot Mary Tooth", "ORPHA:166", "Charcot-Marie-Tooth"),
        # "sacks" is in the index once (Libman-Sacks), "sachs" three times, not ten: the name
        # decides (was: no proposal, and Libman-Sacks lesions first on OpenSearch)
        ("tay sacks", "ORPHA:845", "Tay-Sachs"),
    ],
)
def test_a_misspelt_name_finds_what_the_name_written_right_finds(
    query: str, first: str, proposed: str
) -> None:
    response = run_search(SearchRequest(query=query))
    assert response.did_you_mean == proposed
    assert response.hits[0].id == first
    right = run_search(SearchRequest(query=proposed))
    assert right.hits[0].id == first


@pytest.mark.usefixtures("misspelt_rows")
def test_a_name_written_right_is_not_read_again() -> None:
    assert run_search(SearchRequest(query="kabuki syndrome 2")).did_you_mean is None


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.usefixtures("misspelt_rows")
def test_the_page_and_the_api_propose_the_name(client: Client) -> None:
    api = client.get("/api/v1/search/", {"q": "cystc fibrosis"}).json()
    assert api["did_you_mean"] == "Cystic fibrosis"
    assert api["results"][0]["id"] == "ORPHA:586"
    html = client.get("/search", {"q": "cystc fibrosis"}).content.decode()
    assert 'Did you mean <a href="?q=Cystic%20fibrosis">Cystic fibrosis</a>?' in html


@pytest.fixture
def nf1_rows(backend: str) -> Iterator[None]:
    # Orphanet ORPHA:636 and its abbreviation; HGNC:7765 (symbol, name, other names as HGNC).
    with suspend_signals():
        nf1 = ConditionFactory(primary_id="ORPHA:636", name="Neurofibromatosis type 1")
        ConditionSynonymFactory(condition=nf1, text="NF1", kind=SynonymKind.ABBREVIATION)
        ConditionSynonymFactory(condition=nf1, text="Von Recklinghausen disease")
        GeneFactory(
            symbol="NF1",
            hgnc_id="HGNC:7765",
            name="neurofibromin 1",
            other_names=["neurofibromatosis", "von Recklinghausen disease", "Watson disease"],
        )
    rebuild(progress=False)
    yield
    with suspend_signals():
        Condition.objects.filter(primary_id="ORPHA:636").delete()
        Gene.objects.filter(symbol="NF1").delete()
    rebuild(progress=False)


@pytest.mark.usefixtures("nf1_rows")
def test_a_corrected_name_counts_as_typed() -> None:
    # At half weight, the gene NF1 (reached from the corrected name's abbreviation, "nf1") came
    # first in the default install (336 against 328); here the name scored half its typed score.
    right = run_search(SearchRequest(query="neurofibromatosis type 1")).hits[0]
    assert right.id == "ORPHA:636"
    response = run_search(SearchRequest(query="neurofibromatosis tipe 1"))
    assert response.did_you_mean == "Neurofibromatosis type 1"
    assert response.hits[0].id == right.id
    assert response.hits[0].score == pytest.approx(right.score, rel=0.05)


@pytest.mark.parametrize(
    ("query", "proposed"),
    [
        # the words of the name they open, as it writes them (was "prader willi")
        ("pradder willi", "Prader-Willi"),
        # the name a question wraps, as written; the question's words as typed
        ("is it pradder willi", "is it Prader-Willi"),
    ],
)
def test_a_proposal_writes_the_name_as_the_knowledge_base_does(
    client: Client, query: str, proposed: str
) -> None:
    assert client.get("/api/v1/search/", {"q": query}).json()["did_you_mean"] == proposed
    assert f">{proposed}</a>?" in client.get("/search", {"q": query}).content.decode()


@pytest.mark.usefixtures("misspelt_rows")
@pytest.mark.parametrize(
    ("query", "proposed"),
    [
        # a title's first capital reads lower case mid-sentence (was "... for Myasthenia gravis")
        ("medicine for myastenia gravis", "medicine for myasthenia gravis"),
        # ... unless the user typed it, or the name is a person's ("Fabry", before "disease")
        ("medicine for Myastenia gravis", "medicine for Myasthenia gravis"),
        ("cure for fabrys disease", "cure for Fabry disease"),
        # a changed word keeps the capital typed in its place (was "angelman", "Is angelman ...")
        ("Angleman", "Angelman"),
        ("Is Angelmann genetic", "Is Angelman genetic"),
    ],
)
def test_a_proposal_keeps_the_case_the_user_would_read(
    client: Client, query: str, proposed: str
) -> None:
    assert client.get("/api/v1/search/", {"q": query}).json()["did_you_mean"] == proposed
    assert f">{proposed}</a>?" in client.get("/search", {"q": query}).content.decode()
