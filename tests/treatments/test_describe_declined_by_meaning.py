"""A reading the phrase table declines is not read back by meaning (MD40 review 3). "a massive
bruise" is one bruise, no Bruising susceptibility, and "her teeth are yellow" no Jaundice (the
sentence checks); the meaning reader, reading the clauses the phrase table left, found the same
sign nearest and the panel showed it all the same. It now leaves the sign declined in a clause,
and still reads that clause's other nearest sign. Checked through the panel's reading
(`description_read`), on the small real knowledge base and the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.treatments.test_describe_meaning import shared_var, vectors_dir  # noqa: F401
from treatments.describe.selectors import description_read

pytestmark = pytest.mark.django_db

BRUISING, EPISTAXIS = "HP:0000978", "HP:0000421"


def shown(text: str) -> list[str]:
    reading = description_read(query=text)
    assert reading is not None
    return [sign.hpo_id for sign in reading.signs if not sign.negated]


def test_one_bruise_is_not_read_back_as_a_tendency_to_bruise(
    vectors_dir: Path,  # noqa: F811 (the fixture imported above)
) -> None:
    # Was Epistaxis and Bruising susceptibility ("massive bruise on her leg", by meaning).
    assert shown("she has a massive bruise on her leg and nosebleeds") == [EPISTAXIS]


def test_many_bruises_are_still_the_tendency(vectors_dir: Path) -> None:  # noqa: F811
    assert BRUISING in shown("she has big bruises and nosebleeds")
