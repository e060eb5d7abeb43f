"""A sponsor's compound code in pasted text (`search.compound_codes`)."""

from __future__ import annotations

import pytest

from search.compound_codes import compound_code_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NTLA-2001 in Patients With Transthyretin Amyloidosis", {"ntla", "2001"}),
        ("Study of CMP-CPS-001 in Healthy Volunteers", {"cmp", "cps", "001"}),
        ("A Study of mRNA-3745 in Adults", {"mrna", "3745"}),
        # a name with a short number, a symbol with its number inside: no code
        ("Vaccines Against COVID-19 in Adults", set()),
        ("NKX2-1 Related Disorders Natural History Study", set()),
        ("Patients With MYH7-Related Cardiomyopathy", set()),
    ],
)
def test_a_compound_code_s_words(text: str, expected: set[str]) -> None:
    assert compound_code_words(text) == expected


@pytest.mark.django_db
def test_a_search_reads_the_codes_once_and_carries_them(monkeypatch) -> None:
    # The title test, the spelling and the sentence parts share one reading (they each read
    # the query again before).
    import search.analysis
    import search.spelling
    import search.study_titles

    calls: list[str] = []

    def counted(text: str) -> frozenset[str]:
        calls.append(text)
        return compound_code_words(text)

    for module in (search.analysis, search.spelling, search.study_titles):
        monkeypatch.setattr(module, "compound_code_words", counted)
    title = "NTLA-2001 in Patients With Transthyretin Amyloidosis With Cardiomyopathy"
    analysis = search.analysis.analyze(title)
    assert analysis.code_words == {"ntla", "2001"}
    assert len(calls) == 1
