"""benchmarks/description_misses.py sorts a miss by the signs the live panel reads: the phrase
table's and the meaning reader's (D40). It read the phrase table's alone, so a clause read by
meaning was missing from its "read" line, and a miss whose wrong sign came from the meaning
reader was sorted as outranked or too few. On the small real knowledge base and the real model."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from benchmarks.description_misses import signs_read
from tests.treatments.test_describe_meaning import shared_var, vectors_dir  # noqa: F401
from tests.treatments.test_describe_search import client  # noqa: F401
from treatments.describe.selectors import description_read, panel_reading, signs_for_text

pytestmark = pytest.mark.django_db

# "seizures" is a phrase; "his speech is hard to understand" is read by meaning only.
SPEECH = "he has seizures and his speech is hard to understand"


def test_the_tool_reads_the_meaning_readers_sign_as_the_panel_does(
    vectors_dir: Path,  # noqa: F811 (the fixture imported above)
    client: Client,  # noqa: F811
) -> None:
    shown = [s.hpo_id for s in description_read(query=SPEECH).signs]
    assert "HP:0000750" in shown  # Delayed speech and language development, by meaning
    assert "HP:0000750" not in [s.hpo_id for s in signs_for_text(text=SPEECH)]
    assert [s.hpo_id for s in signs_read(SPEECH, True)] == shown


def test_a_text_the_panel_takes_for_no_description_keeps_the_phrase_tables_reading(
    vectors_dir: Path,  # noqa: F811
    client: Client,  # noqa: F811
) -> None:
    # One sign's name alone is looked up, not described: the panel reads nothing by meaning.
    assert panel_reading("seizures") is None
    assert [s.hpo_id for s in signs_read("seizures", True)] == ["HP:0001250"]
