"""Orphanet gives some diseases an "Unknown" headline prevalence and a known class elsewhere
(achondroplasia: 1-9 / 100 000 at birth): the family ranking reads that class, not "Unknown".
On the small real knowledge base of test_describe_search.py (40 Orphanet packets)."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.prevalence import ranking_class
from tests.treatments.test_describe_search import LUMPS, _facts, client, panel, top  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _statement(kind: str, klass: str) -> dict[str, str]:
    return {"type": kind, "class": klass, "label": f"Orphanet ({kind}, Worldwide)",
            "geographic": "Worldwide", "source": "test"}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "leads"),
    [("Prevalence at birth", "ORPHA:636"), ("Annual incidence", "ORPHA:324")],
)
def test_an_unknown_headline_reads_a_known_point_or_birth_prevalence(
    client: Client,  # noqa: F811 (the fixture imported above)
    kind: str,
    leads: str,
) -> None:
    # NF1 and Fabry disease both list lumps under the skin; Fabry is given the commoner class,
    # NF1 an unknown headline and a class ten times higher in one other statement. A birth
    # prevalence is how many have it; an annual incidence (new cases a year) is not.
    _facts("ORPHA:324", prevalence="1-9 / 100 000", prevalence_statements=[])
    _facts(
        "ORPHA:636", prevalence="Unknown",
        prevalence_statements=[_statement("Point prevalence", "Unknown"),
                               _statement(kind, "1-5 / 10 000")],
    )  # fmt: skip
    assert top(panel(client, f"my son {LUMPS}"), 1) == [leads]


def test_a_known_headline_is_read_as_it_is() -> None:
    statements = [_statement("Prevalence at birth", "1-5 / 10 000")]
    assert ranking_class("1-9 / 100 000", statements) == "1-9 / 100 000"
    assert ranking_class("Unknown", statements) == "1-5 / 10 000"
    assert ranking_class("", statements) == "1-5 / 10 000"
    assert ranking_class("Unknown", []) == "Unknown"
