"""Names as users mistype or shorten them (issue 17, names25), on every backend: a slip that
lands on a real or short word is read through the name around it, and a name several types
share finds the diseases that share it before a narrower entry.

Rows (beside the contract data's ORPHA:365, "Pompe disease", and the gene POMP): Orphanet
ORPHApackets (Dec 2025) ORPHA:845, ORPHA:778, ORPHA:646 and its clinical subtype ORPHA:216972, ORPHA:77292 (with its
synonym "Niemann-Pick disease type A"), ORPHA:247165 (with its synonym "Pink disease") and
ORPHA:98261 (with its abbreviation "PME"), ORPHA:768, ORPHA:65283 and ORPHA:37553 (each with
one of its synonyms); OMIM 607625 (Orphanet maps it as narrower than
ORPHA:646) and 172700, titles as OMIM writes them; HGNC SACS and RET (symbol and name as HGNC
writes them, SACS with its aliases and previous symbols): with POMP, they make "pomp", "sacs" and "ret" words the index knows. Six more
entries (test rows) write "PME" in a synonym, so "pme" is used more than "pompe", as in the default install
(11 uses against 4)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from knowledge.models import ConditionSubtype, SubtypeRelation, SynonymKind
from search.analysis import analyze
from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import TODAY, ConditionFactory, ConditionSynonymFactory, GeneFactory
from tests.search.contract.data import client_over_contract_phenotypes, indexed

pytestmark = pytest.mark.django_db


def _condition(curie: str, name: str, *synonyms: str, abbreviation: str = ""):
    condition = ConditionFactory(primary_id=curie, name=name)
    for text in synonyms:
        ConditionSynonymFactory(condition=condition, text=text)
    if abbreviation:
        ConditionSynonymFactory(
            condition=condition, text=abbreviation, kind=SynonymKind.ABBREVIATION
        )
    return condition


def _type_of(parent, child, relation: str) -> None:
    ConditionSubtype.objects.create(
        parent=parent, child=child, relation=relation, source="test", retrieved_on=TODAY
    )


@pytest.fixture
def mistyped_rows(backend: str) -> Iterator[None]:
    type_c = _condition("ORPHA:646", "Niemann-Pick disease type C")
    type_c2 = _condition("OMIM:607625", "Niemann-pick disease, type C2")
    perinatal = _condition("ORPHA:216972", "Niemann-Pick disease type C, severe perinatal form")
    _type_of(type_c, type_c2, SubtypeRelation.OMIM_NARROWER)
    _type_of(type_c, perinatal, SubtypeRelation.CLASSIFICATION)
    conditions = [
        _condition("ORPHA:845", "Tay-Sachs disease"),
        _condition("ORPHA:778", "Rett syndrome"),
        type_c,
        type_c2,
        perinatal,
        _condition(
            "ORPHA:77292",
            "Infantile neurovisceral acid sphingomyelinase deficiency",
            "Niemann-Pick disease type A",
        ),
        _condition("OMIM:172700", "Pick disease of brain"),
        _condition("ORPHA:768", "Congenital long QT syndrome", "Familial long QT syndrome"),
        _condition("ORPHA:65283", "Timothy syndrome", "Long QT syndrome type 8"),
        _condition("ORPHA:37553", "Andersen-Tawil syndrome", "Long QT syndrome type 7"),
        _condition("ORPHA:247165", "Infantile mercury poisoning", "Pink disease"),
        _condition("ORPHA:98261", "Progressive myoclonic epilepsy", abbreviation="PME"),
        *(
            _condition(f"ORPHA:90000{n}", f"Progressive myoclonic epilepsy type {n}", f"PME {n}")
            for n in range(1, 7)
        ),
    ]
    genes = [
        GeneFactory(
            symbol="SACS",
            hgnc_id="HGNC:10519",
            name="sacsin molecular chaperone",
            aliases=["DNAJC29", "PPP1R138", "KIAA0730", "DKFZp686B15167"],
            previous_symbols=["ARSACS", "SPAX6"],
        ),
        GeneFactory(symbol="RET", hgnc_id="HGNC:9967", name="ret proto-oncogene"),
    ]
    with indexed("gene", genes), indexed("condition", conditions):
        yield


@pytest.mark.usefixtures("mistyped_rows")
@pytest.mark.parametrize(
    ("query", "first", "proposed"),
    [
        # "pomp" and "sacs" are words the index knows (the genes POMP and SACS): read through
        # the name beside them (was: no proposal; Tay-Sachs disease's subtypes first)
        # the name proposed keeps the capitals of the synonym it spells (was "pompe disease")
        ("pomp disease", "ORPHA:365", "Pompe disease"),
        ("tay sacs", "ORPHA:845", "Tay-Sachs"),
        ("is there a cure for pomp disease", "ORPHA:365", "is there a cure for Pompe disease"),
        ("tay sacs life expectancy", "ORPHA:845", "Tay-Sachs life expectancy"),
        # three letters beside a head word (was: no proposal, the gene RET's syndromes)
        ("ret syndrome", "ORPHA:778", "Rett syndrome"),
        # a word typed in lower case is no three-letter abbreviation (was "pme", 11 uses)
        ("pmpe", "ORPHA:365", "pompe"),
    ],
)
def test_a_slip_that_lands_on_a_word_is_read_through_the_name(
    query: str, first: str, proposed: str
) -> None:
    response = run_search(SearchRequest(query=query))
    assert response.did_you_mean == proposed
    assert response.hits[0].id == first


@pytest.mark.usefixtures("mistyped_rows")
def test_the_corrected_name_leads_the_keys_an_engine_reads() -> None:
    # The slip's own expansions ("tay arsacs ...", "tay dnajc29 ...": the other symbols of
    # the gene SACS) came first, and in the default install they filled the twelve keys an
    # engine reads: "tay sachs disease" was never looked up and the gene SACS came first.
    reached = analyze("tay sacs life expectancy").expanded_keys
    assert reached[:2] == ("tay sachs disease", "tay sachs syndrome")


@pytest.mark.usefixtures("mistyped_rows")
@pytest.mark.parametrize(
    ("query", "first"),
    [
        # the words name a document as typed: never "pink disease"
        ("pick disease", "OMIM:172700"),
        # alone, "ret" is the gene
        ("ret", "RET"),
    ],
)
def test_a_word_that_matched_a_name_is_not_read_again(query: str, first: str) -> None:
    response = run_search(SearchRequest(query=query))
    assert response.did_you_mean is None
    assert response.hits[0].id == first


@pytest.mark.usefixtures("mistyped_rows")
@pytest.mark.parametrize("query", ["Niemann Pick", "niemann pick disease", "niemann pik"])
def test_a_shared_name_finds_the_diseases_that_share_it_first(query: str) -> None:
    ids = [hit.id for hit in run_search(SearchRequest(query=query)).hits]
    # The diseases named "Niemann-Pick disease type ..." lead; the OMIM type C2 and the
    # clinical subtype, types of ORPHA:646, follow it (was: type C2 first in the default
    # install, and Orphanet's type A below both subtypes).
    assert set(ids[:2]) == {"ORPHA:646", "ORPHA:77292"}
    assert ids.index("ORPHA:646") < ids.index("OMIM:607625")


@pytest.mark.usefixtures("mistyped_rows")
def test_a_name_a_group_holds_after_other_words_is_not_shared() -> None:
    # "Long QT syndrome type 7, 8" share "long qt syndrome", which the group writes after a
    # word of its own ("Congenital ..."): the group answers it, not two of its types.
    assert run_search(SearchRequest(query="long qt syndrome")).hits[0].id == "ORPHA:768"


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.usefixtures("mistyped_rows")
def test_the_page_and_the_api_read_the_slip_through_the_name(client: Client) -> None:
    api = client.get("/api/v1/search/", {"q": "tay sacs"}).json()
    assert api["did_you_mean"] == "Tay-Sachs"
    assert api["results"][0]["id"] == "ORPHA:845"
    html = client.get("/search", {"q": "tay sacs"}).content.decode()
    assert 'Did you mean <a href="?q=Tay-Sachs">Tay-Sachs</a>?' in html
