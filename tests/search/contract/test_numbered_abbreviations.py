"""An abbreviation typed apart from its number finds the name written joined, on every backend.

Orphanet writes "SMA1" (ORPHA:83330's abbreviation in the contract data, as in the ORPHApacket);
families and physicians type "SMA 1", "SMA type 1" or "SMA I". Before, those matched words:
"SMA 1" found whatever held "sma" and "1" (issue 17: "NF 1" answered NFKBIL1 and GATA1).
"""

from __future__ import annotations

import pytest
from django.test import Client

from search.name_forms import numbered_abbreviation_keys
from tests.search.contract.data import client_over_contract_phenotypes, search_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(backend: str) -> Client:
    return client_over_contract_phenotypes()


@pytest.mark.parametrize("query", ["SMA 1", "sma type 1", "SMA I", "SMA-1", "SMA type I"])
def test_the_number_typed_apart_finds_the_joined_abbreviation(client: Client, query: str) -> None:
    assert search_ids(client, query)[:1] == ["ORPHA:83330"]


def test_the_keys_are_the_joined_forms_in_both_numerals() -> None:
    assert numbered_abbreviation_keys("NF 1") == ["nf1", "nfi"]
    assert numbered_abbreviation_keys("MPS type III") == ["mps3", "mpsiii"]
    assert numbered_abbreviation_keys("GSD Ia") == ["gsd1a", "gsdia"]
    assert numbered_abbreviation_keys("CMT 1A") == ["cmt1a", "cmtia"]


@pytest.mark.parametrize(
    "query", ["type 1", "the 2", "spinal muscular atrophy 1", "trisomy 21", "SMA", "NF 100"]
)
def test_words_that_are_no_abbreviation_with_a_number_give_no_keys(query: str) -> None:
    assert numbered_abbreviation_keys(query) == []
