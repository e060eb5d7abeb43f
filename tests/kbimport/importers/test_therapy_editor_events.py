"""An editor's correction of a regulatory event the curated file loaded survives the next load;
when the file changes that event too, its dated facts (when, what) are the file's and its
wording stays the editor's, each counted for an editor and said in the event's history.
Real rows of the committed file (ataluren's EU expiry), real admin posts, then the load."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from kbimport.importers.file_merge import EDITOR_KEPT, EDITOR_KEPT_OVER_FILE, FILE_OVER_EDITOR
from kbimport.importers.therapies import import_therapies
from kbimport.therapy_file import DEFAULT_THERAPY_FILE
from knowledge.models import RegulatoryEvent, Therapy
from tests.curation.therapy_form import editor_edits_event
from tests.kbimport.importers.editor_loads import ATALUREN, ataluren_expiry, fresh_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("kb", "fresh_cache")

ENTRY, EXPIRED_ON = ATALUREN, "2025-03-28"
EDITORS_SUMMARY = "The EU authorisation ended; the UK licence stayed (an editor's words)."


def _api_events(client: Client) -> list[tuple[str, str, str]]:
    slug = Therapy.objects.get(name=ENTRY).slug
    links = client.get(f"/api/v1/therapies/{slug}/").json()["links"]
    return [(e["kind"], e["date"], e["summary"]) for link in links
            for e in link["regulatory_events"] if e["region"] == "EU"]  # fmt: skip


def _file_with_expiry(tmp_path: Path, **fields: str) -> Path:
    data = json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))
    link = next(t for t in data["therapies"] if t["name"] == ENTRY)["links"][0]
    next(e for e in link["regulatory_events"] if e["kind"] == "expired").update(fields)
    path = tmp_path / "therapies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_editors_corrected_expiry_date_survives_the_next_load(client: Client) -> None:
    """The old load wrote the file's event again and deleted the editor's, silently."""
    expiry = ataluren_expiry()
    editor_edits_event(expiry, date="2025-03-27", summary=EDITORS_SUMMARY)

    tally = import_therapies()

    assert ataluren_expiry().pk == expiry.pk
    assert RegulatoryEvent.objects.filter(link=expiry.link, kind="expired").count() == 1
    assert ("expired", "2025-03-27", EDITORS_SUMMARY) in _api_events(client)
    assert tally.noted[EDITOR_KEPT] == 2  # the date and the summary, for an editor to settle
    assert ataluren_expiry().history.filter(date="2025-03-27").last().history_user.username == (
        "curating-editor"
    )
    assert import_therapies().totals[:2] == (0, 0)


def test_a_file_change_to_an_event_an_editor_changed_is_counted(
    tmp_path: Path, client: Client
) -> None:
    """Both changed the wording: the editor's stays, noted at every load. Then the file moves
    the date the editor had corrected: the file's dated fact is written, never silently."""
    editor_edits_event(ataluren_expiry(), summary=EDITORS_SUMMARY)
    reworded = _file_with_expiry(tmp_path, summary="Expired in the EU (the file's new words).")

    tally = import_therapies(path=reworded)

    assert ("expired", EXPIRED_ON, EDITORS_SUMMARY) in _api_events(client)
    assert tally.noted[EDITOR_KEPT_OVER_FILE] == 1
    assert import_therapies(path=reworded).noted[EDITOR_KEPT_OVER_FILE] == 1  # until settled

    editor_edits_event(ataluren_expiry(), date="2025-03-27")
    moved = _file_with_expiry(tmp_path, date="2025-03-31")
    tally = import_therapies(path=moved)

    said = json.loads(moved.read_text(encoding="utf-8"))
    link = next(t for t in said["therapies"] if t["name"] == ENTRY)["links"][0]
    files_summary = next(e for e in link["regulatory_events"] if e["kind"] == "expired")["summary"]
    assert {e for e in _api_events(client) if e[0] == "expired"} == {
        ("expired", "2025-03-31", files_summary)
    }
    assert tally.noted[FILE_OVER_EDITOR] == 1
    removed = RegulatoryEvent.history.filter(history_type="-", date="2025-03-27").get()
    assert removed.history_change_reason == "the file no longer has it; an editor's change"


def test_events_the_migration_filled_change_nothing_at_the_next_load() -> None:
    """An install that applies 0015 after a load: each event remembers what it holds, which is
    what the load writes, so an unchanged file writes and notes nothing."""
    loaded = dict(RegulatoryEvent.objects.values_list("pk", "file_values"))
    RegulatoryEvent.objects.update(file_values={})
    migration = importlib.import_module("knowledge.migrations.0015_regulatoryevent_file_values")
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL_EVENTS)

    assert dict(RegulatoryEvent.objects.values_list("pk", "file_values")) == loaded
    tally = import_therapies()

    assert tally.totals[:2] == (0, 0)
    assert not tally.noted
