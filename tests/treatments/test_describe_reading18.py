"""Readings fixed from the tuning18 descriptions (issue 17, D18): words are read at the level
they say, and never as a sign they do not say (plain Python, no database)."""

from __future__ import annotations

from treatments.describe.recognise import Phrase, PhraseTable, normalise, recognise


def table_of(*rows: tuple[str, str, int]) -> PhraseTable:
    """A phrase table of (words, HPO id, priority) rows, each text normalised."""
    table = PhraseTable()
    table.extend(Phrase(normalise(text), hpo_id, priority) for text, hpo_id, priority in rows)
    table.phrases.sort(key=lambda phrase: phrase.priority)
    table.reindex()
    return table


def read(query: str, table: PhraseTable) -> list[str]:
    return [sign.hpo_id for sign in recognise(query, table) if not sign.negated]


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
