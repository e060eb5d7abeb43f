"""A question about a condition's treatments ("is there a treatment for pompe disease") points,
above the results, to the condition it names and to its treatment search (treatments and
studies), in the page and in the API; nothing when no condition is named. On every backend."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories.knowledge import ConditionFactory
from tests.search.contract.data import client_over_contract_phenotypes, indexed

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.parametrize(
    ("question", "condition", "slug"),
    [
        # an eponym (an Orphanet synonym), an abbreviation, an eponym opening the name
        ("is there a treatment for pompe disease", "ORPHA:365", "ORPHA%3A365"),
        ("what are the treatments for SMA", "ORPHA:70", "ORPHA%3A70"),
        ("cure for duchenne", "ORPHA:98896", "ORPHA%3A98896"),
        ("is there a cure for rett syndrome", "ORPHA:778", "ORPHA%3A778"),
        # as families type them (issue 17, X21): "any", and the verb before a trailing "cure"
        ("is there any medicine for rett syndrome", "ORPHA:778", "ORPHA%3A778"),
        ("does pompe have a cure", "ORPHA:365", "ORPHA%3A365"),
        ("can duchenne be cured", "ORPHA:98896", "ORPHA%3A98896"),
        ("what helps with pompe disease", "ORPHA:365", "ORPHA%3A365"),
        ("best treatment for duchenne", "ORPHA:98896", "ORPHA%3A98896"),
    ],
)
def test_a_treatment_question_points_to_the_condition_and_its_treatments(
    client: Client, question: str, condition: str, slug: str
) -> None:
    # Before, the conditions were listed with no pointer to their treatments.
    api = client.get("/api/v1/search/", {"q": question}).json()
    pointer = api["treatments"]
    assert pointer["condition_id"] == condition
    # The page in plain words: the search box is a family's too (it links the doctors' list).
    assert pointer["url"] == f"/treatments?condition={slug}&view=family"
    assert pointer["api_url"] == f"/api/v1/treatments/?condition={slug}"
    assert pointer["condition_url"] == api["results"][0]["url"]
    assert client.get(pointer["api_url"]).status_code == 200  # a client can follow it
    family = client.get(pointer["url"]).content.decode()
    assert "not medical advice" in family
    assert "Research studies</h2>" in family
    html = client.get("/search", {"q": question}).content.decode()
    link = (
        f'<a href="/treatments?condition={slug}&amp;view=family">See the treatments and studies for'
    )
    assert link in html
    assert html.index(link) < html.index('class="search-results"')


def test_the_pointer_says_which_name_was_asked_about(client: Client) -> None:
    html = client.get("/search", {"q": "is there a treatment for pompe disease"}).content.decode()
    assert "This is the condition you asked about as “pompe disease”." in html


@pytest.mark.parametrize(
    "query",
    [
        "is there a treatment for floppy baby",  # a sign in everyday words, not a condition
        "pompe disease",  # no question about treatments
        "symptoms of pompe disease",  # a question about something else
    ],
)
def test_no_pointer_without_a_condition_asked_about_treatments(client: Client, query: str) -> None:
    assert client.get("/api/v1/search/", {"q": query}).json()["treatments"] is None
    html = client.get("/search", {"q": query}).content.decode()
    assert "See the treatments and studies for" not in html


@pytest.mark.parametrize(
    ("question", "condition"),
    [
        # a slip in the question: it asks what its correction asks (was: a "did you mean" only)
        ("treatmnet for pompe", "ORPHA:365"),
        # a name that is both a gene symbol and the condition's abbreviation: the gene DMD comes
        # first, and the question is about treating the condition (was: no pointer)
        ("new drugs for DMD", "ORPHA:98896"),
        ("trials for DMD", "ORPHA:98896"),
    ],
)
def test_a_question_with_a_slip_or_a_gene_named_name_points_to_the_condition(
    client: Client, question: str, condition: str
) -> None:
    # "treatment" is a word of the index as in the default install (Orphanet ORPHA:562522).
    with indexed("condition", [ConditionFactory(primary_id="ORPHA:562522", name=TREATED)]):
        _assert_points_to(client, question, condition)


TREATED = "Prediction of response to monoclonal antibody treatment"


def _assert_points_to(client: Client, question: str, condition: str) -> None:
    api = client.get("/api/v1/search/", {"q": question}).json()
    assert api["treatments"]["condition_id"] == condition
    assert condition in [hit["id"] for hit in api["results"][:3]]
    html = client.get("/search", {"q": question}).content.decode()
    assert "See the treatments and studies for" in html


def test_a_gene_symbol_alone_asked_about_gets_no_pointer(client: Client) -> None:
    # "SMN1" names the gene only: no condition is asked about.
    assert client.get("/api/v1/search/", {"q": "treatment for SMN1"}).json()["treatments"] is None


@pytest.mark.parametrize(
    "question",
    ["new drugs for DMD", "trials for DMD", "dmd symptoms", "DMD life expectancy",
     "is DMD inherited", "signs of DMD"],
)  # fmt: skip
def test_a_question_about_a_gene_named_condition_lists_the_condition_first(
    client: Client, question: str
) -> None:
    # Treatments, trials, symptoms, outlook and inheritance are asked of the condition: the
    # gene DMD (the symbol typed exactly) came first, the condition second.
    ids = [hit["id"] for hit in client.get("/api/v1/search/", {"q": question}).json()["results"]]
    assert ids[:2] == ["ORPHA:98896", "DMD"]
    html = client.get("/search", {"q": question}).content.decode()
    results = html[html.index('class="search-results"') :]
    assert results.index("ORPHA:98896") < results.index("DMD: dystrophin")
