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


# HPO 2025-01-16: Jaundice (layperson synonym "Yellow skin"; "yellow eyes" a line of
# everyday_signs.tsv); Intermittent jaundice's layperson synonym "Intermittent yellow skin"
# without its qualifier (derive.py's reading, priority 4).
JAUNDICE = table_of(
    ("yellow eyes", "HP:0000952", 0),
    ("Yellow skin", "HP:0000952", 2),
    ("yellow skin", "HP:0001046", 4),
)


def test_words_that_named_a_sign_already_read_name_no_narrower_one() -> None:
    # "yellow eyes" read Jaundice first; "yellow skin" says Jaundice again, not "Intermittent".
    assert read("yellow skin and eyes, tummy swollen", JAUNDICE) == ["HP:0000952"]
    assert read("her skin is yellow", JAUNDICE) == ["HP:0000952"]
