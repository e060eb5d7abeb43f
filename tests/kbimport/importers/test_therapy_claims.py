"""The automated check of issue 13: every curated therapy link, walked page by page.

For each link of kbimport/data/therapy_candidates.json the therapy page must state what the
file states (status per region with its date, population, who it is for) and each condition
page must count it as approved only while an approval is in force. The expected status is worked
out here, independently of knowledge.regulatory, from the file's events.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.test import Client

from kbimport.therapy_file import TherapyLinkRecord, load_therapy_file
from knowledge.models import TherapyLink

pytestmark = pytest.mark.usefixtures("kb")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
WORDS = {"approved": "approved", "approved_accelerated": "accelerated approval",
         "approved_conditional": "conditional approval",
         "approved_exceptional": "approved under exceptional circumstances",
         "expired": "authorisation expired", "withdrawn": "withdrawn", "refused": "refused"}  # fmt: skip


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _when(date: dt.date, precision: str) -> str:
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def expected_regions(link: TherapyLinkRecord) -> dict[str, tuple[bool, str]]:
    """Region -> (approved now, the label the page must show), from the newest decisive event."""
    result = {}
    for region in ("US", "EU", "UK", "OTHER"):
        decisive = [e for e in link.regulatory_events if e.region == region and e.kind in WORDS]
        if decisive:
            last = decisive[-1]
            label = f"{'Other' if region == 'OTHER' else region}: {WORDS[last.kind]} "
            result[region] = (
                last.kind.startswith("approved"),
                f"{label}({_when(last.date, last.date_precision)})",
            )
    return result


def _records() -> list[tuple[str, TherapyLinkRecord]]:
    return [(record.name, link) for record in load_therapy_file() for link in record.links]


def test_every_curated_link_reaches_a_condition_and_the_database_agrees_on_approval() -> None:
    rows = list(TherapyLink.objects.select_related("therapy"))
    for name, link in _records():
        mine = [
            r for r in rows if r.therapy.name == name and r.condition_name == link.condition_name
        ]
        assert mine, (name, link.condition_name)
        assert all(r.condition_id for r in mine), f"{name} / {link.condition_name} has no page"
    approved = {
        (name, link.condition_name)
        for name, link in _records()
        if any(now for now, _ in expected_regions(link).values())
    }
    from_db = {
        (r.therapy.name, r.condition_name)
        for r in TherapyLink.objects.approved_now().select_related("therapy")
    }
    assert from_db == approved
    assert ("ataluren", "Duchenne muscular dystrophy") not in from_db


def test_every_therapy_page_states_the_curated_status_population_and_scope(client) -> None:
    by_therapy: dict[str, list[TherapyLinkRecord]] = {}
    for name, link in _records():
        by_therapy.setdefault(name, []).append(link)
    slugs = dict(TherapyLink.objects.values_list("therapy__name", "therapy__slug"))
    for name, links in by_therapy.items():
        text = _text(client, f"/therapies/{slugs[name]}/")
        for link in links:
            for _, label in expected_regions(link).values():
                assert label in text, (name, label)
            if link.population:
                assert f"Only for part of the condition: {link.population}" in text, name
            if link.variant_scope:
                assert f"Who it is for: {link.variant_scope}" in text, name
            for _, note in link.not_confirmed:
                assert f"Not confirmed: {note}" in text, (name, note)


def test_no_condition_page_counts_an_approval_that_ended(client) -> None:
    """Each condition page lists a therapy under "Approved" only while an approval is in force."""
    expected: dict[int, set[str]] = {}
    for row in TherapyLink.objects.select_related("therapy", "condition"):
        record = next(
            link
            for name, link in _records()
            if name == row.therapy.name and link.condition_name == row.condition_name
        )
        now = any(approved for approved, _ in expected_regions(record).values())
        expected.setdefault(row.condition_id, set())
        if now:
            expected[row.condition_id].add(row.therapy.name)
    conditions = {
        r.condition_id: r.condition for r in TherapyLink.objects.select_related("condition")
    }
    for condition_id, names in expected.items():
        text = _text(client, conditions[condition_id].get_absolute_url())
        treatments = text.split(" Treatments Approved ", 1)[-1] if names else ""
        approved_part = treatments.split("Being studied", 1)[0]
        for name in names:
            assert name in approved_part, (conditions[condition_id], name)
        if len(names) >= 3:
            assert f"There are {len(names)} approved medicines" in text
        elif not names:
            assert "approved medicine" not in text.replace("approved medicine for some", "")
