"""Small phrase tables for the recogniser's tests (plain Python, no database)."""

from __future__ import annotations

from treatments.describe.recognise import Phrase, PhraseTable, normalise, recognise


def table_of(*rows: tuple[str, str, int]) -> PhraseTable:
    """A phrase table of (words, HPO id, priority) rows, each text normalised, in priority
    order as the real table keeps them."""
    table = PhraseTable()
    table.extend(Phrase(normalise(text), hpo_id, priority) for text, hpo_id, priority in rows)
    # Priority 0 rows stand for the curated everyday phrasings, as the real table keeps them.
    table.everyday_stems.update(
        s for text, _, priority in rows if priority == 0 for s in normalise(text)
    )
    table.phrases.sort(key=lambda phrase: phrase.priority)
    table.reindex()
    return table


def read(query: str, table: PhraseTable) -> list[str]:
    """The HPO ids of the positive signs read from `query`."""
    return [sign.hpo_id for sign in recognise(query, table) if not sign.negated]
