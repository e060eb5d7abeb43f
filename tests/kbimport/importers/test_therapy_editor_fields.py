"""What an editor sets in the admin on a curated therapy or link survives the next load of the
file; what the file changed since lands; a dated fact both changed is the file's, counted.
Real rows of the committed file (tafamidis), real admin posts, then the import a load runs."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from kbimport.importers.file_merge import EDITOR_KEPT, EDITOR_KEPT_OVER_FILE, FILE_OVER_EDITOR
from kbimport.importers.therapies import import_therapies
from kbimport.therapy_file import DEFAULT_THERAPY_FILE
from knowledge.models import RegulatoryEvent, Therapy, TherapyLink
from tests.curation.therapy_form import editor_edits_link, editor_edits_therapy
from tests.kbimport.importers.therapy_files import edited_therapy_file

pytestmark = pytest.mark.usefixtures("kb")

ENTRY = "tafamidis"
EDITORS_MECHANISM = "A pill that keeps the TTR protein whole, so it cannot form amyloid."
EDITORS_SCOPE = "Adults with ATTR cardiomyopathy (editor's wording)."
WITHDRAWN = "Withdrawn in the US (a test's event)."


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the page cache lives in the cache


def _tafamidis() -> Therapy:
    return Therapy.objects.get(name=ENTRY)


def _file_with_link_changes(tmp_path: Path, **fields: object) -> Path:
    """The committed file with the tafamidis link's ``fields`` changed and a dated US
    withdrawal added to it."""
    data = json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))
    link = next(t for t in data["therapies"] if t["name"] == ENTRY)["links"][0]
    link.update(fields)
    link["regulatory_events"].append({
        "region": "US", "kind": "withdrawn", "date": "2026-06-01", "summary": WITHDRAWN,
        "urls": ["https://www.fda.gov/drugs"],
    })  # fmt: skip
    path = tmp_path / "therapies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_editors_names_and_mechanism_survive_the_next_load(client: Client) -> None:
    therapy = _tafamidis()
    editor_edits_therapy(
        therapy, synonyms="Vyndaqel,tafamidis meglumine", mechanism=EDITORS_MECHANISM
    )

    tally = import_therapies()

    stored = _tafamidis()
    assert stored.synonyms == ["Vyndaqel", "tafamidis meglumine"]
    assert stored.mechanism == EDITORS_MECHANISM
    assert tally.noted[EDITOR_KEPT] == 2  # for an editor to settle in the file
    assert stored.history.first().history_user.username == "curating-editor"
    page = client.get(stored.get_absolute_url()).content.decode()
    assert EDITORS_MECHANISM.replace("'", "&#x27;") in page
    assert import_therapies().totals[:2] == (0, 0)


def test_a_file_change_to_a_field_the_editor_left_still_lands(tmp_path: Path) -> None:
    """The editor removed a brand and rewrote the mechanism; the file then adds a brand and
    changes the modality: both file changes land, the removed brand stays removed."""
    therapy = _tafamidis()
    editor_edits_therapy(therapy, synonyms="Vyndaqel", mechanism=EDITORS_MECHANISM)
    edited = edited_therapy_file(
        tmp_path, ENTRY, synonyms=["Vyndaqel", "Vyndamax", "Vyndaqel 20 mg"], modality="other"
    )

    tally = import_therapies(path=edited)

    stored = _tafamidis()
    assert (stored.synonyms, stored.modality) == (["Vyndaqel", "Vyndaqel 20 mg"], "other")
    assert stored.mechanism == EDITORS_MECHANISM
    assert tally.noted[EDITOR_KEPT] == 2
    assert import_therapies(path=edited).totals[:2] == (0, 0)


def test_a_link_an_editor_changed_keeps_their_scope_and_takes_the_files_dated_facts(
    tmp_path: Path, client: Client
) -> None:
    """Both changed the scope (the editor's stays, counted at every load until settled) and
    the status (a dated fact: the file's); the file's new population and event land."""
    therapy = _tafamidis()
    link = TherapyLink.objects.filter(therapy=therapy).order_by("pk").first()
    editor_edits_link(
        link, variant_scope=EDITORS_SCOPE, status="investigational", source="RareLabs editors"
    )
    edited = _file_with_link_changes(
        tmp_path, variant_scope="Cardiomyopathy only (the file's new wording).",
        status="ema_approved", population="cardiomyopathy (ATTR-CM)",
    )  # fmt: skip

    tally = import_therapies(path=edited)

    stored = TherapyLink.objects.get(pk=link.pk)
    assert stored.variant_scope == EDITORS_SCOPE
    assert stored.source == "RareLabs editors"  # their wording is not presented as the file's
    assert (stored.status, stored.population) == ("ema_approved", "cardiomyopathy (ATTR-CM)")
    assert RegulatoryEvent.objects.filter(link=stored, kind="withdrawn", region="US").exists()
    assert (tally.noted[EDITOR_KEPT_OVER_FILE], tally.noted[FILE_OVER_EDITOR]) == (1, 1)
    reason = stored.history.first().history_change_reason
    assert reason == "kept an editor's variant_scope; the file's dated status over an editor's"
    # The link's other rows (conditions the editor left alone) take the file's scope.
    others = TherapyLink.objects.filter(therapy=therapy).exclude(pk=link.pk)
    assert {row.variant_scope for row in others} == {
        "Cardiomyopathy only (the file's new wording)."
    }
    page = client.get(therapy.get_absolute_url()).content.decode()
    assert WITHDRAWN.replace("'", "&#x27;") in page
    rerun = import_therapies(path=edited)
    assert rerun.totals[:2] == (0, 0)
    assert rerun.noted[EDITOR_KEPT_OVER_FILE] == 1  # noted again, never silently dropped


def test_rows_the_migration_filled_change_nothing_at_the_next_load() -> None:
    """An install that applies the migration after a load: each row remembers what it holds,
    which is what the last load wrote, so an unchanged file writes and notes nothing."""
    loaded = {m: dict(m.objects.values_list("pk", "file_values")) for m in (Therapy, TherapyLink)}
    Therapy.objects.update(file_values={})
    TherapyLink.objects.update(file_values={})
    migration = importlib.import_module("knowledge.migrations.0014_therapy_file_values")
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL_THERAPIES)
        cursor.execute(migration.FILL_LINKS)

    assert {m: dict(m.objects.values_list("pk", "file_values")) for m in loaded} == loaded
    tally = import_therapies()

    assert tally.totals[:2] == (0, 0)
    assert not tally.noted
