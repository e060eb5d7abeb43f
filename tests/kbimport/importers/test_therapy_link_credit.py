"""A fact of a therapy's use an editor set (who it is for, the evidence) is shown with the
editor's source and date on the therapy page, the condition page, the API and the export, never
under the curated file's source; and each regulatory event says where it came from and when, in
plain words. Real rows of the committed file (tafamidis), real admin posts, then the load."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone

from kbimport.importers.therapies import import_therapies
from knowledge.models import RegulatoryEvent, Therapy, TherapyLink
from tests.curation.therapy_form import editor_edits_event, editor_edits_link
from tests.kbimport.importers.editor_loads import fresh_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("kb", "fresh_cache")

ENTRY, FILE_SOURCE = "tafamidis", "RareLabs verified therapy fact sheet"
EDITORS_SCOPE = "Adults with ATTR cardiomyopathy, hereditary or wild-type (an editor's words)."
EDITORS_EVENT = "Approved in the EU for early nerve damage from ATTR (an editor's words)."
EPAR = "EMA EPAR Vyndaqel (an editor's source)"
EPAR_URL = "https://www.ema.europa.eu/en/medicines/human/EPAR/vyndaqel"


def _link() -> TherapyLink:
    """The first row of tafamidis's link (it names three conditions: a row for each)."""
    return TherapyLink.objects.filter(therapy__source_id=ENTRY).order_by("pk").first()


def _html(client: Client, url: str) -> str:
    return client.get(url).content.decode().replace("&#x27;", "'")


def _therapy_api_links(client: Client) -> list[dict]:
    slug = Therapy.objects.get(source_id=ENTRY).slug
    return client.get(f"/api/v1/therapies/{slug}/").json()["links"]


def test_a_scope_an_editor_set_on_a_link_is_shown_as_theirs_after_the_load(
    client: Client,
) -> None:
    """The old pages, API and export showed the editor's scope under the file's source alone."""
    rows = list(TherapyLink.objects.filter(therapy__source_id=ENTRY).order_by("pk"))
    for row in rows:  # each condition the link names (the export shows one of them)
        editor_edits_link(row, variant_scope=EDITORS_SCOPE)

    import_therapies()

    link, today = _link(), timezone.localdate()
    assert (link.source, link.variant_scope) == (FILE_SOURCE, EDITORS_SCOPE)
    credit = (
        f"Who it is for: set by an editor, not by {FILE_SOURCE} · Source: RareLabs editors, "
        f"{today:%-d %b %Y}"
    )
    assert _html(client, link.therapy.get_absolute_url()).count(credit) == len(rows)
    assert credit in _html(client, link.condition.get_absolute_url())
    said = [{"field": "variant_scope", "source": "RareLabs editors", "on": today.isoformat()}]
    assert [row["editor_values"] for row in _therapy_api_links(client)] == [said] * len(rows)
    condition = client.get(f"/api/v1/conditions/{link.condition.slug}/").json()
    assert [t["editor_values"] for t in condition["therapies"] if t["therapy"] == ENTRY] == [said]
    found = client.get("/api/v1/treatments/", {"gene": "TTR"}).json()["results"]
    assert [r["editor_values"] for r in found if r["therapy_slug"] == link.therapy.slug] == [said]
    body = client.get("/treatments/export.csv", {"gene": "TTR"}).content.decode()
    exported = [r for r in csv.DictReader(io.StringIO(body)) if r["therapy"] == ENTRY]
    assert exported
    assert {(r["variant_scope"], r["editor_set"]) for r in exported} == {
        (EDITORS_SCOPE, f"who it is for: RareLabs editors, {today}")
    }
    assert import_therapies().totals[:2] == (0, 0)


def test_a_source_the_editor_named_on_a_link_goes_with_their_value(client: Client) -> None:
    editor_edits_link(_link(), variant_scope=EDITORS_SCOPE, source=EPAR, retrieved_on="2025-11-03")

    import_therapies()

    link = _link()
    assert (link.source, link.variant_scope) == (EPAR, EDITORS_SCOPE)  # kept with their value
    page = _html(client, link.therapy.get_absolute_url())
    assert f"Who it is for: set by an editor · Source: {EPAR}, 3 Nov 2025" in page


def test_each_regulatory_event_says_where_it_came_from_and_when(client: Client) -> None:
    """The old regulatory history showed a date alone ('retrieved 3 Dec 2026'), no source."""
    page = _html(client, Therapy.objects.get(source_id=ENTRY).get_absolute_url())

    assert f"(from {FILE_SOURCE}, checked 3 Dec 2026)" in page
    assert "our editors wrote this" not in page


def test_an_event_an_editor_corrected_is_credited_to_the_editors(client: Client) -> None:
    event = RegulatoryEvent.objects.filter(link=_link(), region="EU").get()
    editor_edits_event(event, summary=EDITORS_EVENT)

    import_therapies()

    today = timezone.localdate()
    page = _html(client, Therapy.objects.get(source_id=ENTRY).get_absolute_url())
    line = next(li for li in page.split("<li>") if EDITORS_EVENT in li)
    assert f"(our editors wrote this on {today:%-d %b %Y})" in line
    events = [e for link in _therapy_api_links(client) for e in link["regulatory_events"]
              if e["summary"] == EDITORS_EVENT]  # fmt: skip
    assert [(e["source"], e["retrieved_on"], e["by_editors"]) for e in events] == [
        ("RareLabs editors", today.isoformat(), True)
    ]
    others = {e["by_editors"] for link in _therapy_api_links(client)
              for e in link["regulatory_events"] if e["summary"] != EDITORS_EVENT}  # fmt: skip
    assert others == {False}


def _event_line(client: Client, words: str) -> str:
    page = _html(client, Therapy.objects.get(source_id=ENTRY).get_absolute_url())
    return next(li for li in page.split("<li>") if words in li)


def test_an_event_an_editor_corrected_is_theirs_before_the_next_load(client: Client) -> None:
    """The admin keeps the file's source: until the next load the page said the editor's words
    came from the file ('from RareLabs verified therapy fact sheet, checked 3 Dec 2026')."""
    event = RegulatoryEvent.objects.filter(link=_link(), region="EU").get()
    editor_edits_event(event, summary=EDITORS_EVENT)

    today = timezone.localdate()
    line = _event_line(client, EDITORS_EVENT)
    assert f"(our editors wrote this on {today:%-d %b %Y})" in line
    assert FILE_SOURCE not in line
    events = [e for link in _therapy_api_links(client) for e in link["regulatory_events"]
              if e["summary"] == EDITORS_EVENT]  # fmt: skip
    assert [e["by_editors"] for e in events] == [True]


def test_an_event_whose_file_words_an_editor_put_back_is_the_files_again(
    client: Client,
) -> None:
    """After the load credited the editors, an editor restoring the file's words kept 'our
    editors wrote this' until the next load."""
    event = RegulatoryEvent.objects.filter(link=_link(), region="EU").get()
    file_words = event.summary
    editor_edits_event(event, summary=EDITORS_EVENT)
    import_therapies()
    event.refresh_from_db()
    assert event.source == "RareLabs editors"
    editor_edits_event(event, summary=file_words)

    page = _html(client, Therapy.objects.get(source_id=ENTRY).get_absolute_url())
    assert "our editors wrote this" not in page
    events = [e for link in _therapy_api_links(client) for e in link["regulatory_events"]
              if e["summary"] == file_words]  # fmt: skip
    assert len(events) == 3
    assert {e["by_editors"] for e in events} == {False}


def test_a_status_the_events_decide_and_a_phase_not_shown_are_not_credited(
    client: Client,
) -> None:
    """Tafamidis's status comes from its approvals: the editor's stored status (and a trial
    phase the page does not show) was credited all the same ('Status: set by an editor')."""
    link = _link()
    editor_edits_link(link, status="investigational", phase="Phase 3", variant_scope=EDITORS_SCOPE)

    link = _link()
    assert link.regulatory.regions  # the events decide what the page says of its status
    for url in (link.therapy.get_absolute_url(), link.condition.get_absolute_url()):
        page = _html(client, url)
        assert "Who it is for: set by an editor" in page  # a field the page shows
        assert "Status: set by an editor" not in page
        assert "Trial phase: set by an editor" not in page


def test_an_event_source_an_editor_named_without_its_date_is_dated_by_the_edit(
    client: Client,
) -> None:
    """The editor named their own source and left the date the form showed (the file's): the
    load kept the file's 'checked' date on their source."""
    event = RegulatoryEvent.objects.filter(link=_link(), region="EU").get()
    editor_edits_event(event, summary=EDITORS_EVENT, source=EPAR)

    import_therapies()

    today = timezone.localdate()
    event.refresh_from_db()
    assert (event.source, event.retrieved_on) == (EPAR, today)
    assert import_therapies().totals[:2] == (0, 0)
    assert f"(from {EPAR}, checked {today:%-d %b %Y})" in _event_line(client, EDITORS_EVENT)
    events = [e for link in _therapy_api_links(client) for e in link["regulatory_events"]
              if e["summary"] == EDITORS_EVENT]  # fmt: skip
    assert [(e["source"], e["retrieved_on"], e["by_editors"]) for e in events] == [
        (EPAR, today.isoformat(), False)
    ]


def _history_days_ago(event: RegulatoryEvent, days: int) -> None:
    """Date the event's history so far (the load that made it, an edit since) ``days`` back."""
    event.history.update(history_date=timezone.now() - dt.timedelta(days=days))
    event.refresh_from_db()


def test_an_event_edited_on_two_days_is_dated_by_the_later_edit_at_every_load(
    client: Client,
) -> None:
    """An editor added an address five days ago and changed the words today: the load dated
    the row by today's edit while the page, and the next load of the same file, read the
    address's edit alone (five days ago) and wrote the row again."""
    event = RegulatoryEvent.objects.filter(link=_link(), region="EU").get()
    editor_edits_event(event, urls=",".join([*event.urls, EPAR_URL]))
    _history_days_ago(event, 5)
    editor_edits_event(event, summary=EDITORS_EVENT)

    import_therapies()

    today = timezone.localdate()
    event.refresh_from_db()
    assert (event.source, event.retrieved_on) == ("RareLabs editors", today)
    assert f"(our editors wrote this on {today:%-d %b %Y})" in _event_line(client, EDITORS_EVENT)
    assert import_therapies().totals[:2] == (0, 0)
    event.refresh_from_db()
    assert (event.source, event.retrieved_on, event.urls[-1]) == (
        "RareLabs editors",
        today,
        EPAR_URL,
    )


def test_a_source_an_editor_named_after_changing_the_words_is_credited(client: Client) -> None:
    """An editor changed the words five days ago and named their source today, leaving the
    file's date: the load stamped the words' day on their source, and the page and API
    credited 'RareLabs editors' (the source they named was shown nowhere)."""
    event = RegulatoryEvent.objects.filter(link=_link(), region="EU").get()
    editor_edits_event(event, summary=EDITORS_EVENT)
    _history_days_ago(event, 5)
    editor_edits_event(event, source=EPAR)

    import_therapies()

    today = timezone.localdate()
    event.refresh_from_db()
    assert (event.source, event.retrieved_on) == (EPAR, today)
    assert f"(from {EPAR}, checked {today:%-d %b %Y})" in _event_line(client, EDITORS_EVENT)
    events = [e for link in _therapy_api_links(client) for e in link["regulatory_events"]
              if e["summary"] == EDITORS_EVENT]  # fmt: skip
    assert [(e["source"], e["retrieved_on"], e["by_editors"]) for e in events] == [
        (EPAR, today.isoformat(), False)
    ]
    assert import_therapies().totals[:2] == (0, 0)
