"""The description path on every backend: a family's sentence shows the conditions that can
cause the signs it names, above the ordinary results, in the page and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.search.contract.data import client_over_contract_phenotypes

pytestmark = pytest.mark.django_db

SENTENCE = "my child has seizures and no speech"


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


def test_api_reads_the_signs_and_ranks_the_condition_that_has_both(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": SENTENCE}).json()
    described = body["described"]
    assert [(s["hpo_id"], s["words"]) for s in described["signs"]] == [
        ("HP:0001250", "seizures"),
        ("HP:0001344", "no speech"),
    ]
    first = described["conditions"][0]
    # Rett syndrome (ORPHA:778) lists both signs; Dravet (ORPHA:33069) only seizures.
    assert first["id"] == "ORPHA:778"
    assert "no speech" in first["matched"]
    assert "not a diagnosis" in described["caution"]
    assert body["did_you_mean"] is None


def test_page_shows_the_panel_chips_and_caution_above_the_results(client: Client) -> None:
    html = client.get("/search", {"q": SENTENCE}).content.decode()
    panel = html.index("Conditions that can cause these signs")
    assert panel < html.index('class="search-count"')
    assert "Rett syndrome" in html[panel:]
    assert "“no speech”" in html
    assert "Remove ✕" in html
    assert "not medical advice" in html


def test_removing_a_chip_reranks_without_it_and_offers_it_back(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": SENTENCE, "drop": "HP:0001344"}).json()
    removed = {s["hpo_id"]: s["removed"] for s in body["described"]["signs"]}
    assert removed == {"HP:0001250": False, "HP:0001344": True}
    assert all("no speech" not in c["matched"] for c in body["described"]["conditions"])
    html = client.get("/search", {"q": SENTENCE, "drop": "HP:0001344"}).content.decode()
    assert "Put back" in html


def test_adding_a_sign_in_words_joins_the_chips(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": "seizures", "add": "floppy baby"}).json()
    assert {s["hpo_id"] for s in body["described"]["signs"]} == {"HP:0001250", "HP:0001252"}


def test_a_single_name_is_not_read_as_a_description(client: Client) -> None:
    assert client.get("/api/v1/search/", {"q": "floppy baby"}).json()["described"] is None
    assert client.get("/api/v1/search/", {"q": "Rett syndrome"}).json()["described"] is None


def test_a_bad_chip_id_is_a_clear_json_error(client: Client) -> None:
    response = client.get("/api/v1/search/", {"q": SENTENCE, "drop": "seizures"})
    assert response.status_code == 400
    assert "HPO id" in response.json()["error"]["fields"]["q"][0]


def test_a_sentence_about_a_named_condition_is_not_a_description(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": "my daughter has rett syndrome and seizures"})
    assert body.json()["described"] is None
    assert body.json()["results"][0]["id"] == "ORPHA:778"


def test_below_the_panel_the_results_are_the_signs_read_not_every_word_matched(
    client: Client,
) -> None:
    # Widened to any word, a sentence matched every document holding "child" or "speech" (and
    # counting them was most of a description's search time at 200k documents).
    body = client.get(
        "/api/v1/search/", {"q": "my child has fits and seizures, and no speech"}
    ).json()
    assert body["described"]["conditions"]
    assert {hit["id"] for hit in body["results"]} == {"HP:0001250", "HP:0001344"}
    assert body["total"] == 2


def test_a_removed_chip_is_not_among_the_results_either(client: Client) -> None:
    body = client.get("/api/v1/search/", {"q": SENTENCE, "drop": "HP:0001344"}).json()
    ids = [hit["id"] for hit in body["results"]]
    assert "HP:0001250" in ids
    assert "HP:0001344" not in ids  # the removed sign's page is not offered
