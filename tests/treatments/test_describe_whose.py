"""Whose sign is it (issue 17, F22): a clause about another relative ("her brother has
seizures", "my husband has the same big head") or a sign that runs in the family is family
history, not the described person's own sign; the person's own signs in the same sentence still
read, and a relative named first is the person described ("my dad keeps falling")."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.treatments.phrases import table_of
from tests.treatments.test_describe_search import client, panel  # noqa: F401 (a fixture)
from treatments.describe.recognise import recognise

SEIZURE, MACROCEPHALY, TALL, FALLS, HYPOTONIA = (
    "HP:0001250",
    "HP:0000256",
    "HP:0000098",
    "HP:0002359",
    "HP:0001252",
)
TABLE = table_of(
    ("seizures", SEIZURE, 0),
    ("big head", MACROCEPHALY, 0),
    ("tall", TALL, 0),
    ("falls a lot", FALLS, 0),
    ("keeps falling", FALLS, 0),
    ("floppy", HYPOTONIA, 0),
)


def _own(text: str) -> list[str]:
    return [s.hpo_id for s in recognise(text, TABLE) if not s.negated and not s.relative]


def _relatives(text: str) -> list[str]:
    return [s.hpo_id for s in recognise(text, TABLE) if s.relative]


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("he is floppy and her brother has seizures", [SEIZURE]),
        ("my son is floppy, my husband has the same big head", [MACROCEPHALY]),
        ("he is floppy and very tall, his dad was tall too", []),  # his own tallness wins
        ("she is floppy, big heads run in the family", [MACROCEPHALY]),
        ("he is floppy; my sister's boy had seizures", [SEIZURE]),
        ("floppy, there is a family history of seizures", [SEIZURE]),
        ("he is floppy and my brother had seizures too", [SEIZURE]),
    ],
)
def test_a_relatives_sign_is_family_history_not_the_persons_own(
    text: str, theirs: list[str]
) -> None:
    assert _own(text) == [HYPOTONIA] + ([TALL] if "very tall" in text else [])
    assert _relatives(text) == theirs


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("he has seizures like his brother", [SEIZURE]),
        ("her brother has seizures and she has seizures too", [SEIZURE]),
        ("my dad keeps falling and has seizures", [FALLS, SEIZURE]),  # the dad is described
        ("my husband's legs are floppy, he falls a lot", [HYPOTONIA, FALLS]),
        ("my teenage son has a big head, seizures and falls a lot", [MACROCEPHALY, SEIZURE, FALLS]),
        ("my mum is floppy and her face has a big head look", [HYPOTONIA, MACROCEPHALY]),
        ("my dad is too floppy to walk", [HYPOTONIA]),
        ("my son and his sister both have seizures", [SEIZURE]),  # one subject: both
    ],
)
def test_the_persons_own_signs_still_read(text: str, own: list[str]) -> None:
    assert _own(text) == own
    assert _relatives(text) == []


@pytest.mark.django_db
def test_the_panel_shows_a_relatives_sign_as_family_history_and_does_not_rank_by_it(
    client: Client,  # noqa: F811 (the fixture imported above)
) -> None:
    query = "my baby is floppy and can't hold his head up, his brother has seizures"
    signs = panel(client, query)["described"]["signs"]
    assert {s["hpo_id"]: s["relative"] for s in signs} == {
        "HP:0001252": False,  # Hypotonia
        "HP:0002421": False,  # Poor head control
        SEIZURE: True,
    }
    own = panel(client, "my baby is floppy and can't hold his head up")["described"]
    assert panel(client, query)["described"]["conditions"] == own["conditions"]
    html = client.get("/search", {"q": query}).content.decode()
    assert "in the family: " in html
