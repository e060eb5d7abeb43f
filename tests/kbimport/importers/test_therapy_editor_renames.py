"""A curated therapy an editor renamed in the admin: the next load finds the record the file
wrote (by the name it wrote it under), keeps the editor's name and makes no second record. And
names the file writes with stray spaces: written as the rename service writes them, so the
record one load wrote is found by name at the next.
Real rows of the committed file, a real admin post, then the import a load runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from kbimport.importers.therapies import EDITOR_NAMED, import_therapies
from kbimport.therapy_file import load_therapy_file
from knowledge.models import Condition, Therapy, TherapyLink, TherapySlugRedirect
from tests.curation.therapy_form import editor_renames
from tests.kbimport.importers.therapy_files import edited_therapy_file

pytestmark = pytest.mark.usefixtures("kb")

FILE_NAME, EDITORS = "sapropterin dihydrochloride", "sapropterin (Kuvan)"
SLUG = "sapropterin-dihydrochloride"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the page cache and the API's throttle counters live in the cache


def _sapropterin_records() -> list[tuple[str, str]]:
    return list(Therapy.objects.filter(synonyms__contains=["Kuvan"]).values_list("name", "slug"))


def _shown_once(client: Client) -> None:
    """The PKU page and the API list the medicine once, under the editor's name."""
    pku = Condition.objects.get(primary_id="ORPHA:716")
    page = client.get(pku.get_absolute_url()).content.decode()
    assert EDITORS in page
    assert f"/therapies/{SLUG}-2/" not in page
    listed = client.get(f"/api/v1/therapies/?condition={pku.slug}").json()["results"]
    assert [t["name"] for t in listed if "sapropterin" in t["name"]] == [EDITORS]


def test_an_editors_rename_survives_the_next_load(client: Client) -> None:
    therapy = Therapy.objects.get(name=FILE_NAME)
    links = set(TherapyLink.objects.filter(therapy=therapy).values_list("pk", flat=True))
    editor_renames(therapy, EDITORS)

    tally = import_therapies()

    assert _sapropterin_records() == [(EDITORS, SLUG)]
    stored = Therapy.objects.get(pk=therapy.pk)
    assert (stored.source_id, stored.synonyms) == (FILE_NAME, ["Kuvan", FILE_NAME])
    assert set(TherapyLink.objects.filter(therapy=stored).values_list("pk", flat=True)) == links
    assert tally.created["Therapy"] == 0
    assert tally.noted[EDITOR_NAMED] == 1  # counted for an editor to settle in the file
    assert EDITOR_NAMED not in tally.skipped  # written as usual, not skipped
    latest = stored.history.first()
    assert (latest.name, latest.history_user.username) == (EDITORS, "renaming-editor")
    assert latest.history_change_reason == f"renamed from {FILE_NAME} by an editor"
    _shown_once(client)
    assert import_therapies().totals[:2] == (0, 0)


def test_a_twin_an_earlier_load_made_is_folded_into_the_editors_record(client: Client) -> None:
    """A load before this rule missed the renamed record and wrote the entry again: the twin
    goes into the editor's record and its address leads there."""
    therapy = Therapy.objects.get(name=FILE_NAME)
    editor_renames(therapy, EDITORS)
    twin = Therapy.objects.create(
        name=FILE_NAME, slug=f"{SLUG}-2", synonyms=["Kuvan"], modality=therapy.modality,
        source=therapy.source, source_id=FILE_NAME, retrieved_on=therapy.retrieved_on,
    )  # fmt: skip
    TherapyLink.objects.create(
        therapy=twin, condition=Condition.objects.get(primary_id="ORPHA:716"),
        condition_name="phenylketonuria (PAH deficiency)", status="fda_approved", source=therapy.source,
        source_id=f"{FILE_NAME} / phenylketonuria (PAH deficiency)", retrieved_on=therapy.retrieved_on,
    )  # fmt: skip
    links = TherapyLink.objects.filter(therapy=therapy).count()

    import_therapies()

    assert _sapropterin_records() == [(EDITORS, SLUG)]
    assert TherapyLink.objects.filter(therapy=therapy).count() == links
    assert TherapySlugRedirect.objects.get(old_slug=f"{SLUG}-2").therapy_id == therapy.pk
    moved = client.get(f"/therapies/{SLUG}-2/")
    assert (moved.status_code, moved["Location"]) == (301, f"/therapies/{SLUG}/")
    _shown_once(client)


def test_a_file_rename_after_an_editors_keeps_the_editors_name(
    tmp_path: Path, client: Client
) -> None:
    """The file later renames the entry it wrote under the old name: the record it wrote is
    found by that name, the editor's name stays, both file names are names of it."""
    therapy = Therapy.objects.get(name=FILE_NAME)
    editor_renames(therapy, EDITORS)
    edited = edited_therapy_file(tmp_path, FILE_NAME, name="sapropterin", formerly=[FILE_NAME])

    import_therapies(path=edited)

    assert _sapropterin_records() == [(EDITORS, SLUG)]
    stored = Therapy.objects.get(pk=therapy.pk)
    assert (stored.source_id, stored.synonyms) == (
        "sapropterin",
        ["Kuvan", FILE_NAME, "sapropterin"],
    )
    _shown_once(client)
    assert import_therapies(path=edited).totals[:2] == (0, 0)


def test_a_name_written_with_a_double_space_is_the_stored_record(tmp_path: Path) -> None:
    """The file's loader writes names as the rename service does: inner spaces squeezed."""
    spaced = "sapropterin  dihydrochloride"
    edited = edited_therapy_file(tmp_path, FILE_NAME, name=f" {spaced} ")
    assert FILE_NAME in [record.name for record in load_therapy_file(edited)]

    assert import_therapies(path=edited).totals[:2] == (0, 0)
    assert _sapropterin_records() == [(FILE_NAME, SLUG)]


def test_a_renamed_entry_with_a_double_space_is_found_at_the_next_load(tmp_path: Path) -> None:
    """The file renames the entry to a name with a double space: the record the rename wrote
    is found by that name at the next load, not written again."""
    edited = edited_therapy_file(
        tmp_path, FILE_NAME, name="sapropterin  (Kuvan)", formerly=[FILE_NAME]
    )
    import_therapies(path=edited)
    assert import_therapies(path=edited).totals[:2] == (0, 0)
    assert _sapropterin_records() == [(EDITORS, "sapropterin-kuvan")]
