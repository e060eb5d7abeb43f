"""A gene symbol written in capitals inside a long sentence (an article's title) is among the
phrases a sentence is searched by, however long the sentence."""

from __future__ import annotations

import pytest

from search.name_forms import part_keys

pytestmark = pytest.mark.django_db


def test_a_symbol_inside_a_long_title_is_a_part_key() -> None:
    title = "SENP2 suppresses browning of white adipose tissues by de-conjugating SUMO from C/EBPβ."
    assert part_keys(title)[0] == "senp2"
