"""Migration 0013 gives records merged before redirects were kept their old address back, read
from the merges' history, where a change reason is cut to its column's 100 characters: each
merged address must still lead to the record it was merged into."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client

from curation.services.therapy_merge import therapy_merge
from knowledge.models import Therapy, TherapySlugRedirect
from tests.factories.knowledge import TherapyFactory

pytestmark = pytest.mark.django_db

# Longer than a change reason holds after "<name> merged into ".
LONG = "testotherapy " + "with a name longer than a change reason can hold " * 2


def _merged_before_redirects(pairs: list[tuple[Therapy, Therapy]]) -> None:
    """Merge each pair, then leave only the history, as an install before the table had."""
    for source, target in pairs:
        therapy_merge(source=source, target=target, why="one medicine")
    TherapySlugRedirect.objects.all().delete()
    migration = importlib.import_module("knowledge.migrations.0013_therapy_slug_redirect")
    migration.redirect_merged_records(django_apps, None)


def _leads_to(client: Client, slug: str, target: Therapy) -> None:
    page = client.get(f"/therapies/{slug}/")
    assert (page.status_code, page.get("Location")) == (301, target.get_absolute_url())


def test_one_name_merged_twice_into_long_named_records_leads_to_each(client: Client) -> None:
    """A name made again after its record was merged, merged into another record: both
    reasons read "testotherapy x merged into <the same first words>…"."""
    kept = [TherapyFactory(name=f"{LONG}{n}", slug=f"kept-{n}") for n in (1, 2)]
    first = TherapyFactory(name="testotherapy x", slug="testotherapy-x")
    therapy_merge(source=first, target=kept[0], why="one medicine")
    again = TherapyFactory(name="testotherapy x", slug="testotherapy-x-2")
    assert kept[0].history.first().history_change_reason.endswith("…")

    _merged_before_redirects([(again, kept[1])])

    _leads_to(client, "testotherapy-x", kept[0])
    _leads_to(client, "testotherapy-x-2", kept[1])


def test_long_named_records_merged_lead_to_their_own_records(client: Client) -> None:
    """Reasons cut before " merged into " (both "<LONG>…"): still two merges, each found."""
    merged = [TherapyFactory(name=f"{LONG}{n}", slug=f"long-{n}") for n in (1, 2)]
    kept = [TherapyFactory(name=f"kept testotherapy {n}") for n in (1, 2)]

    _merged_before_redirects(list(zip(merged, kept, strict=True)))

    assert len({t.history.first().history_change_reason for t in kept}) == 1
    _leads_to(client, "long-1", kept[0])
    _leads_to(client, "long-2", kept[1])
