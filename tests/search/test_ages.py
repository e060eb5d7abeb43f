"""An age said in a description is no search term: "im 34 and cant walk" matched every
condition numbered 34 under the panel (`search.ages`)."""

from __future__ import annotations

import pytest

from search.analysis import analyze

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "age"),
    [
        ("im 34 and cant walk", "34"),
        ("Im 52. my balance is terrible", "52"),
        ("I'm 52 and my balance is terrible", "52"),
        ("i am 45 and my legs are weak", "45"),
        ("my son is 9 and cant run", "9"),
        ("aged 9 with seizures and weak legs", "9"),
        ("she is 34 years old with ataxia", "34"),
        ("sat at 14 months and walked late", "14"),
    ],
)
def test_an_age_is_no_search_term(query: str, age: str) -> None:
    assert age not in analyze(query).terms


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("spinocerebellar ataxia 34", "34"),
        ("trisomy 21", "21"),
        ("dystonia 34 treatment", "34"),
        ("chromosome 22 deletion in a child", "22"),
        # the number of a name after "is" or joined to a letter (session review)
        ("3m syndrome", "3m"),
        ("what is 47 xxy", "47"),
        ("her karyotype is 47 xxy", "47"),
        ("my son is 3m syndrome positive", "3m"),
    ],
)
def test_a_number_in_a_name_is_still_a_term(query: str, number: str) -> None:
    assert number in analyze(query).terms
