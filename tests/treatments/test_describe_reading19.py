"""Readings fixed from the tuning17 descriptions (issue 17, D19): words are never read as a
sign they do not say (plain Python, no database)."""

from __future__ import annotations

from tests.treatments.phrases import read, table_of

# HPO 2025-01-16: Edema ("swollen skin", a line of everyday_signs.tsv), Lymphadenopathy
# ("swollen glands", one too), Upper and Lower limb muscle weakness ("weak arms", "weak legs").
SWOLLEN = table_of(
    ("swollen skin", "HP:0000969", 0),
    ("swollen glands", "HP:0002716", 1),
    ("weak arms", "HP:0003484", 0),
    ("weak legs", "HP:0007340", 0),
)


def test_a_possessive_after_and_starts_a_thing_of_its_own() -> None:
    query = "swollen glands and his skin burns easily in the sun"
    assert read(query, SWOLLEN) == ["HP:0002716"]
    # Without the possessive the first word is still shared.
    assert sorted(read("swollen glands and skin", SWOLLEN)) == ["HP:0000969", "HP:0002716"]
    assert read("weak arms and legs", SWOLLEN) == ["HP:0003484", "HP:0007340"]
