"""Small phrase tables for the recogniser's tests (plain Python, no database), and the two
readings the reading tests compare with the database's terms (`site_reads`, `hpo_names_read`)."""

from __future__ import annotations

from treatments.describe.lexicon import phrase_table_build
from treatments.describe.recognise import Phrase, PhraseTable, normalise, recognise
from treatments.describe.selectors import signs_for_text


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


def site_reads(text: str) -> list[str]:
    """The HPO ids of the positive signs the site reads from `text` (every row and name)."""
    return [sign.hpo_id for sign in signs_for_text(text=text) if not sign.negated]


def hpo_names_read(text: str) -> list[str]:
    """The HPO ids of the positive signs HPO's own names read from `text` (no everyday rows)."""
    return read(text, phrase_table_build(include_everyday=False))


def missed_readings(readings: dict[str, str]) -> dict[str, list[str]]:
    """Sentence -> what the site read, for each sentence whose expected sign was not read."""
    return {q: site_reads(q) for q, hpo_id in readings.items() if hpo_id not in site_reads(q)}


def claimed_sentences(not_read: dict[str, str]) -> dict[str, str]:
    """Sentence -> sign, for each ordinary sentence the site read as the sign it must not."""
    return {q: hpo_id for q, hpo_id in not_read.items() if hpo_id in site_reads(q)}
