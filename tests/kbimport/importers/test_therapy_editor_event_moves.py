"""An editor moved a regulatory event the curated file loaded (its date or its kind), then the
file changed too: the load never breaks on the key the editor's row holds, an event holding an
editor's values is credited to the editor, and an event the file moves goes with the file's even
when the editor named a source of their own. Real rows of the committed file (ataluren's EU
expiry), real admin posts, then the load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from kbimport.importers.file_merge import FILE_OVER_EDITOR
from kbimport.importers.therapies import import_therapies
from kbimport.importers.therapy_event_rows import KEY_HELD
from kbimport.therapy_file import DEFAULT_THERAPY_FILE
from knowledge.models import RegulatoryEvent, Therapy
from tests.curation.therapy_form import editor_edits_event
from tests.kbimport.importers.editor_loads import ATALUREN, ataluren_expiry, fresh_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("kb", "fresh_cache")

ENTRY, FILE_SOURCE, FILE_READ = ATALUREN, "RareLabs verified therapy fact sheet", "2026-12-03"
EXPIRED_ON, MOVED_TO = "2025-03-28", "2025-06-01"


def _file(tmp_path: Path, *, added: dict | None = None, **fields: str) -> Path:
    """The committed file with ataluren's EU expiry changed by ``fields`` and one more EU event
    (``added``) on its first link."""
    data = json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))
    link = next(t for t in data["therapies"] if t["name"] == ENTRY)["links"][0]
    events = link["regulatory_events"]
    expiry = next(e for e in events if e["kind"] == "expired")
    expiry.update(fields)
    if added is not None:
        events.append(expiry | added)
    path = tmp_path / "therapies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _api_events(client: Client, event: RegulatoryEvent) -> list[tuple[str, str, str, str]]:
    """The EU events of the event's link row as the API gives them: kind, date, source and
    retrieved date."""
    slug = Therapy.objects.get(name=ENTRY).slug
    links = client.get(f"/api/v1/therapies/{slug}/").json()["links"]
    row = event.link.condition.slug
    return sorted((e["kind"], e["date"], e["source"], e["retrieved_on"])
                  for link in links if link["condition_slug"] == row
                  for e in link["regulatory_events"] if e["region"] == "EU")  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "added"),
    [
        ({"date": MOVED_TO}, {"date": MOVED_TO, "summary": "A second expiry (the file's)."}),
        ({"kind": "withdrawn"}, {"kind": "withdrawn", "summary": "Withdrawn (the file's)."}),
    ],
    ids=["date", "kind"],
)
def test_a_file_event_at_the_key_an_editor_moved_another_to_does_not_stop_the_load(
    tmp_path: Path, edit: dict, added: dict
) -> None:
    """The old load wrote a second row on the editor's (region, kind, date): IntegrityError,
    and the knowledge-base load stopped. Now the editor's row stays as they set it, and the
    file's event on that key is left out, counted for an editor to settle at every load."""
    expiry = ataluren_expiry()
    editor_edits_event(expiry, **edit)
    both = _file(tmp_path, added=added)

    tally = import_therapies(path=both)

    assert tally.noted[KEY_HELD] == 1
    stored = RegulatoryEvent.objects.filter(link=expiry.link, region="EU").exclude(
        kind="approved_conditional"
    )
    kind, day = edit.get("kind", "expired"), edit.get("date", EXPIRED_ON)
    assert [(e.pk, e.kind, e.date.isoformat()) for e in stored] == [(expiry.pk, kind, day)]
    assert import_therapies(path=both).noted[KEY_HELD] == 1  # until an editor settles it


def test_an_event_an_editor_moved_is_credited_to_the_editor(tmp_path: Path, client: Client) -> None:
    """The admin pre-fills the file's source: the old load then credited the editor's date to
    the fact sheet, retrieved on the load's date. Once the file says that date, it is the
    file's again."""
    expiry = ataluren_expiry()
    editor_edits_event(expiry, date=MOVED_TO)

    import_therapies()

    today = timezone.localdate().isoformat()
    assert ("expired", MOVED_TO, "RareLabs editors", today) in _api_events(client, expiry)
    assert import_therapies().totals[:2] == (0, 0)

    import_therapies(path=_file(tmp_path, date=MOVED_TO))

    assert ("expired", MOVED_TO, FILE_SOURCE, FILE_READ) in _api_events(client, expiry)


def test_an_event_the_file_moves_goes_though_an_editor_sourced_it(
    tmp_path: Path, client: Client
) -> None:
    """An editor moved the expiry and named their own source; then the file moved it elsewhere.
    The old load kept the editor's row beside the file's (two expiries) and said nothing."""
    expiry = ataluren_expiry()
    editor_edits_event(expiry, date=MOVED_TO, source="EMA EPAR Translarna")

    tally = import_therapies(path=_file(tmp_path, date="2025-09-09"))

    expired = [e for e in _api_events(client, expiry) if e[0] == "expired"]
    assert expired == [("expired", "2025-09-09", FILE_SOURCE, FILE_READ)]
    assert tally.noted[FILE_OVER_EDITOR] == 1
    removed = RegulatoryEvent.history.filter(history_type="-", date=MOVED_TO).get()
    assert removed.history_change_reason == "the file no longer has it; an editor's change"
