"""A record's web address typed in the box is read as the identifier it holds, never as words."""

from __future__ import annotations

import pytest

from search.analysis import analyze

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("https://pubmed.ncbi.nlm.nih.gov/29091570/", "pmid:29091570"),
        ("https://clinicaltrials.gov/study/NCT04281485", "nct04281485"),
        ("www.ncbi.nlm.nih.gov/clinvar/variation/634936/", "vcv000634936"),
        ("https://www.orpha.net/en/disease/detail/558", "orpha:558"),
        ("https://omim.org/entry/154700", "omim:154700"),
    ],
)
def test_an_address_is_matched_by_its_identifiers_key_only(address: str, key: str) -> None:
    analysis = analyze(address)
    assert analysis.terms == ()  # not "pubmed", "ncbi", "gov", "study" ...
    assert key in analysis.exact_keys


def test_an_identifier_inside_a_sentence_keeps_the_sentences_words() -> None:
    analysis = analyze("PMID 29091570 in cystic fibrosis")
    assert {"cystic", "fibrosis"} <= set(analysis.terms)
