"""DOIs as papers, reference lists and browsers print them."""

from __future__ import annotations

import pytest

from identifiers.doi import find_doi, parse_doi


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("10.1056/NEJMoa1702752", "10.1056/nejmoa1702752"),
        ("doi:10.3109/15563650.2014.913175", "10.3109/15563650.2014.913175"),
        ("DOI: 10.1016/j.celrep.2022.110408.", "10.1016/j.celrep.2022.110408"),
        ("doi 10.1136/bmj.k3225", "10.1136/bmj.k3225"),
        ("https://doi.org/10.1016/0005-2795(76)90109-4", "10.1016/0005-2795(76)90109-4"),
        ("http://dx.doi.org/10.2147/btt.s3015", "10.2147/btt.s3015"),
        ("doi.org/10.1016/S1474-4422(07)70194-1", "10.1016/s1474-4422(07)70194-1"),
        ("https://www.nejm.org/doi/full/10.1056/NEJMoa1702752", "10.1056/nejmoa1702752"),
        (
            "https://informahealthcare.com/doi/full/10.2147/btt.s3015?needAccess=true",
            "10.2147/btt.s3015",
        ),
    ],
)
def test_a_doi_in_a_printed_form_is_read_whole(text: str, doi: str) -> None:
    assert parse_doi(text) == doi


@pytest.mark.parametrize(
    "text",
    ["10.5 mg", "version 10.2/3", "NM_000492.4:c.1521_1523del", "Cell Rep. 2022;38(8):110408", ""],
)
def test_other_text_is_not_a_doi(text: str) -> None:
    assert parse_doi(text) is None
    assert find_doi(text) is None


def test_a_reference_line_gives_its_doi_without_the_sentence_around_it() -> None:
    line = "Mohorn PL, et al. Clin Toxicol (Phila). 2014;52(5):525-30. doi: 10.3109/15563650.2014.913175."
    assert find_doi(line) == "10.3109/15563650.2014.913175"
    assert find_doi("(see doi:10.1016/0005-2795(76)90109-4)") == "10.1016/0005-2795(76)90109-4"
    assert parse_doi(line) is None


def test_two_dois_in_one_line_are_not_read_as_one() -> None:
    assert find_doi("10.1136/bmj.k3225 and 10.1016/j.celrep.2022.110408") is None
